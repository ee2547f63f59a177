package org.pimaccess.keycloak.passkey;

import java.time.Duration;
import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.pimaccess.keycloak.phone.PhoneNotice;
import org.pimaccess.keycloak.trust.SignOut;

/**
 * The help desk's answer to a lost passkey (a laptop or phone gone): every passkey of the person goes, each
 * with its notice mail, and their sessions end, the sessions the lost device may hold included. Phones are
 * left alone, as a phone reset leaves passkeys alone: the person signs in with password and phone code and
 * adds a new passkey. An org admin may do it once per cooldown per person; a realm admin removes passkeys
 * through Keycloak's own admin API, which mails the person through the {@code pim-phone-notice} listener.
 */
public final class PasskeyReset {

    public enum Outcome { RESET, NONE, TOO_SOON }

    /** @param retryAfterSeconds for {@link Outcome#TOO_SOON}: at the latest when the person may be reset again */
    public record Result(Outcome outcome, int passkeysRemoved, long retryAfterSeconds) {
    }

    /** What a reset answers. */
    public record Done(String userId, int passkeysRemoved) {
    }

    private static final String COOLDOWN = "pim-passkey-reset:cooldown:";

    private PasskeyReset() {
    }

    /** @param cooldown how soon after the last reset this one may come */
    public static Result reset(KeycloakSession session, RealmModel realm, UserModel user, Duration cooldown) {
        String cooldownKey = COOLDOWN + realm.getId() + ":" + user.getId();
        if (!cooldown.isZero() && session.singleUseObjects().contains(cooldownKey)) {
            return new Result(Outcome.TOO_SOON, 0, cooldown.toSeconds());
        }
        List<CredentialModel> passkeys = user.credentialManager()
                .getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).toList();
        if (passkeys.isEmpty()) {
            return new Result(Outcome.NONE, 0, 0);
        }
        if (!cooldown.isZero() && !session.singleUseObjects().putIfAbsent(cooldownKey, cooldown.toSeconds())) {
            return new Result(Outcome.TOO_SOON, 0, cooldown.toSeconds());
        }
        passkeys.forEach(passkey -> {
            user.credentialManager().removeStoredCredentialById(passkey.getId());
            PhoneNotice.passkeyRemoved(session, realm, user, passkey.getUserLabel());
        });
        SignOut.everywhere(session, realm, user, Time.currentTime());
        return new Result(Outcome.RESET, passkeys.size(), 0);
    }
}
