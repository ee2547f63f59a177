package org.pimaccess.keycloak.organization.signin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.pimaccess.keycloak.trust.TrustedBrowserLimit;

/**
 * The organizations' word on trusted browsers: the fewest days any of the person's active organizations allows
 * ({@link PersonPolicy#trustedBrowserDays}), {@link #UNLIMITED} when none set a number. Within a sign-in the answer
 * comes from the sign-in's note, so asking it again costs nothing. A person whose organizations ask a passkey and
 * who has none gets 0: this sign-in adds their passkey, which takes a typed code, never a trusted browser.
 */
final class OrganizationBrowserLimit implements TrustedBrowserLimit {

    static final OrganizationBrowserLimit INSTANCE = new OrganizationBrowserLimit();

    private OrganizationBrowserLimit() {
    }

    @Override
    public int maxDays(KeycloakSession session, RealmModel realm, UserModel user) {
        PersonPolicy policy = PersonPolicy.of(session, user);
        if (policy.level() == SignInLevel.PASSKEY && user.credentialManager()
                .getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).findAny().isEmpty()) {
            return 0;
        }
        return policy.trustedBrowserDays();
    }
}
