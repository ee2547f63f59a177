package org.pimaccess.keycloak.passkey;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/**
 * When each of a person's passkeys was last used to sign in. Keycloak keeps no such time for a credential, so it
 * lives in the user attribute {@value #ATTRIBUTE}, one value {@code <credential id>=<epoch ms>} per passkey, written
 * by the pack's passkey steps in the request where Keycloak accepted the passkey (its event names the passkey) and
 * pruned of passkeys that are gone.
 */
public final class PasskeyUse {

    static final String ATTRIBUTE = "pim.passkey-last-used";

    private PasskeyUse() {
    }

    /** The last use, epoch ms, of each of the person's passkeys that was used since the pack recorded it. */
    public static Map<String, Long> of(UserModel user) {
        Map<String, Long> used = new HashMap<>();
        user.getAttributeStream(ATTRIBUTE).forEach(value -> {
            int equals = value.lastIndexOf('=');
            if (equals > 0) {
                try {
                    used.put(value.substring(0, equals), Long.parseLong(value.substring(equals + 1)));
                } catch (NumberFormatException notATime) {
                    // a value someone else wrote: not one of ours, left out
                }
            }
        });
        return used;
    }

    /** Records now for the passkey Keycloak just accepted in this request, if it accepted one. */
    static void record(AuthenticationFlowContext context) {
        String usedId = context.getEvent().getEvent().getDetails() == null ? null
                : context.getEvent().getEvent().getDetails().get(WebAuthnConstants.PUBKEY_CRED_ID_ATTR);
        UserModel user = context.getUser();
        if (usedId == null || user == null) {
            return;
        }
        byte[] used = Base64.getUrlDecoder().decode(usedId);
        List<CredentialModel> passkeys = user.credentialManager()
                .getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).toList();
        passkeys.stream().filter(passkey -> Arrays.equals(used, credentialIdOf(passkey))).findFirst().ifPresent(passkey -> {
            Set<String> current = passkeys.stream().map(CredentialModel::getId).collect(Collectors.toSet());
            Map<String, Long> times = of(user);
            times.keySet().retainAll(current);
            times.put(passkey.getId(), Time.currentTimeMillis());
            user.setAttribute(ATTRIBUTE, times.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
        });
    }

    private static byte[] credentialIdOf(CredentialModel passkey) {
        String stored = WebAuthnCredentialModel.createFromCredentialModel(passkey).getWebAuthnCredentialData().getCredentialId();
        return stored == null ? new byte[0] : Base64.getMimeDecoder().decode(stored);
    }
}
