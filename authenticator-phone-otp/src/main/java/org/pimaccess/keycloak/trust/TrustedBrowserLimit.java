package org.pimaccess.keycloak.trust;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * SPI {@value TrustedBrowserLimitSpi#NAME}: who else, beyond the Phone OTP step's own setting, limits how long a
 * person may trust a browser. The organization module answers with its members' sign-in policies; without any
 * provider nothing limits it.
 */
public interface TrustedBrowserLimit extends Provider {

    /** No limit from this provider. */
    int UNLIMITED = Integer.MAX_VALUE;

    /**
     * The most days this person may trust a browser for: {@link #UNLIMITED} when nothing of this provider limits
     * it, 0 when it forbids trusted browsers. Asked when the box is offered, when a browser is trusted and when a
     * trusted browser is honoured, so implementations keep it to one read of what they need per sign-in.
     */
    int maxDays(KeycloakSession session, RealmModel realm, UserModel user);

    @Override
    default void close() {
    }
}
