package org.pimaccess.keycloak.code;

import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Reports a wrong phone code to the realm's brute-force protector. Keycloak counts failures only of
 * the categories password, otp and recovery-authn-codes, and our authenticator's category is
 * {@code phone} (so the account console lists phones), so the failure is reported as {@code otp}:
 * a phone code is a one-time password. Sign-in and phone registration both report here, so neither
 * is an unlimited guessing channel.
 */
public final class WrongCodes {

    private WrongCodes() {
    }

    public static void report(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return;
        }
        session.getProvider(BruteForceProtector.class).failedLogin(realm, user, session.getContext().getConnection(),
                session.getContext().getHttpRequest().getUri(), Set.of(OTPCredentialModel.TYPE));
    }
}
