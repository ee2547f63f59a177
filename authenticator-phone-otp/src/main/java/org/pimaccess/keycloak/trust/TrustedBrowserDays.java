package org.pimaccess.keycloak.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.pimaccess.keycloak.authenticator.PhoneOtpAuthenticatorFactory;
import org.pimaccess.keycloak.code.ConfigValues;

/**
 * How many days a browser may be trusted: the Phone OTP step's setting {@value #CONFIG_KEY} (0 turns trusted
 * browsers off, at most {@value #MAX}), lowered by every {@link TrustedBrowserLimit} for the person.
 */
public final class TrustedBrowserDays {

    public static final String CONFIG_KEY = "trusted-browser-days";
    public static final int DEFAULT = 30;
    public static final int MAX = 90;

    private TrustedBrowserDays() {
    }

    /** The admin console's field for the step's setting. */
    public static ProviderConfigProperty configProperty() {
        ProviderConfigProperty property = new ProviderConfigProperty(CONFIG_KEY, "Trusted browsers (days)",
                "The code page of a sign-in offers \"Don't ask for a code on this browser\" for this many days (at most "
                        + MAX + "); 0 turns trusted browsers off. A trusted browser stands in for the code after the "
                        + "password, at the phone-OTP level only; whoever has the password and a copy of the browser's "
                        + "cookie signs in without the phone. Clients with attribute pim.trusted-browsers=false always "
                        + "ask the code, and an organization's sign-in policy may allow fewer days.",
                ProviderConfigProperty.INTEGER_TYPE, DEFAULT);
        return property;
    }

    /** The step's own setting, from its configuration (null: the defaults). */
    public static int ofStep(Map<String, String> config) {
        int days = ConfigValues.intOf(config == null ? Map.of() : config, CONFIG_KEY, DEFAULT);
        return Math.max(0, Math.min(MAX, days));
    }

    /**
     * The realm's setting: the highest of the Phone OTP steps in its browser flow (a realm whose browser flow has
     * no such step trusts no browser). Read where no step runs, for example by an organization's policy, whose
     * days are at most this.
     */
    public static int ofRealm(RealmModel realm) {
        if (realm.getBrowserFlow() == null) {
            return 0;
        }
        List<AuthenticationExecutionModel> executions = new ArrayList<>();
        KeycloakModelUtils.deepFindAuthenticationExecutions(realm, realm.getBrowserFlow(), executions);
        return executions.stream()
                .filter(execution -> PhoneOtpAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .mapToInt(execution -> {
                    AuthenticatorConfigModel config = execution.getAuthenticatorConfig() == null ? null
                            : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                    return ofStep(config == null ? null : config.getConfig());
                })
                .max()
                .orElse(0);
    }

    /** The step's setting lowered by every limit for this person: 0 means no browser is trusted for them. */
    public static int forPerson(KeycloakSession session, RealmModel realm, UserModel user, int stepDays) {
        int days = stepDays;
        for (TrustedBrowserLimit limit : session.getAllProviders(TrustedBrowserLimit.class)) {
            if (days == 0) {
                break;
            }
            days = Math.min(days, limit.maxDays(session, realm, user));
        }
        return Math.max(0, days);
    }
}
