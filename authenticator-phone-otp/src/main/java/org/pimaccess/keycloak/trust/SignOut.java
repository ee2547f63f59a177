package org.pimaccess.keycloak.trust;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends everything that signs a person in without their password and second factor: every session (applications
 * are told by back-channel logout), every token issued until now (refresh and offline ones too, as the admin
 * console's "Sign out"), and every trusted browser. After a phone or passkey reset and a suspension.
 */
public final class SignOut {

    private SignOut() {
    }

    public static void everywhere(KeycloakSession session, RealmModel realm, UserModel user, int now) {
        session.users().setNotBeforeForUser(realm, user, now);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        TrustedBrowsers.forgetAll(user);
    }
}
