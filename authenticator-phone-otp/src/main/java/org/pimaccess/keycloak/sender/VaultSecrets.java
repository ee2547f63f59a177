package org.pimaccess.keycloak.sender;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Secrets of sender options may live in Keycloak's vault. Options are read once at server start,
 * but a vault is per realm and may rotate, so a value of the form {@code ${vault.key}} is looked up
 * through {@code session.vault()} on every call, in the realm of the sign-in; any other value is the
 * secret itself.
 */
public final class VaultSecrets {

    private VaultSecrets() {
    }

    /**
     * @param option the option's name, for the log when the vault has no such entry
     * @return the secret, or null when the option is not set
     */
    public static String resolve(KeycloakSession session, String option, String configured) throws PhoneMessageSendException {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(configured)) {
            return secret.get().filter(value -> !value.isEmpty()).orElseThrow(() -> new PhoneMessageSendException(
                    PhoneMessageSendException.Reason.UNAVAILABLE,
                    "option '" + option + "' names a vault entry that the realm's vault does not have"));
        }
    }
}
