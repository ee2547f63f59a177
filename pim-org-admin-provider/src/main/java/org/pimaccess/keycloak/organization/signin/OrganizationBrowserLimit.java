package org.pimaccess.keycloak.organization.signin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.trust.TrustedBrowserLimit;

/**
 * The organizations' word on trusted browsers: the fewest days any of the person's active organizations allows
 * ({@link PersonPolicy#trustedBrowserDays}), {@link #UNLIMITED} when none set a number. Within a sign-in the answer
 * comes from the sign-in's note, so asking it again costs nothing. (A person who must add a passkey in this sign-in
 * trusts no browser in it: {@code TrustedBrowsers} knows that from the level the sign-in needs.)
 */
final class OrganizationBrowserLimit implements TrustedBrowserLimit {

    static final OrganizationBrowserLimit INSTANCE = new OrganizationBrowserLimit();

    private OrganizationBrowserLimit() {
    }

    @Override
    public int maxDays(KeycloakSession session, RealmModel realm, UserModel user) {
        return PersonPolicy.of(session, user).trustedBrowserDays();
    }
}
