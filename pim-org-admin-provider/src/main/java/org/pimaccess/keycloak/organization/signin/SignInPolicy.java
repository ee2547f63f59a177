package org.pimaccess.keycloak.organization.signin;

import org.keycloak.models.RealmModel;
import org.pimaccess.keycloak.trust.TrustedBrowserDays;

/**
 * An organization's sign-in policy: the level every member needs, and for how many days a member may trust a
 * browser ({@code null}: as long as the realm allows, {@link TrustedBrowserDays#ofRealm}; 0: never).
 */
public record SignInPolicy(SignInLevel level, Integer trustedBrowserDays) {

    /** An organization that set nothing: phone OTP, and the realm's trusted-browser days. */
    public static final SignInPolicy DEFAULT = new SignInPolicy(SignInLevel.PHONE_OTP, null);

    /** The days as they hold today in this realm: the stored days, at most the realm's setting. */
    public int trustedBrowserDaysIn(RealmModel realm) {
        int realmDays = TrustedBrowserDays.ofRealm(realm);
        return trustedBrowserDays == null ? realmDays : Math.min(trustedBrowserDays, realmDays);
    }
}
