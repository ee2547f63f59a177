package org.pimaccess.keycloak.it.harness;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

/**
 * Reads and changes the phone-otp-authenticator's configuration in realm {@code pim}, the way an
 * admin would in the admin console.
 */
public final class PhoneOtpSettings {

    private static final String FLOW = "pim browser";
    private static final String AUTHENTICATOR = "phone-otp-authenticator";

    /** What every test starts from: the AWS senders against the fake, and room for a whole suite from one IP. */
    static final Map<String, String> TEST_BASELINE = Map.of(
            "sms-sender", "aws-sns",
            "voice-sender", "aws-end-user-messaging",
            "ip-send-cap", "10000",
            "realm-sms-budget", "100000",
            "realm-voice-budget", "100000",
            "country-sms-budget", "100000",
            "country-voice-budget", "100000");

    private final RealmResource realm;

    PhoneOtpSettings(RealmResource realm) {
        this.realm = realm;
    }

    void useForTests() {
        AuthenticatorConfigRepresentation config = config();
        config.getConfig().putAll(TEST_BASELINE);
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    /** Applies the changes until the returned handle is closed, then restores what was there. */
    public AutoCloseable change(Map<String, String> changes) {
        AuthenticatorConfigRepresentation config = config();
        Map<String, String> before = new HashMap<>(config.getConfig());
        config.getConfig().putAll(changes);
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
        return () -> {
            AuthenticatorConfigRepresentation restored = config();
            restored.setConfig(before);
            realm.flows().updateAuthenticatorConfig(restored.getId(), restored);
        };
    }

    /** The settings as this realm (for example one cluster node's admin API) reads them now. */
    public static Map<String, String> readFrom(RealmResource realm) {
        return new PhoneOtpSettings(realm).config().getConfig();
    }

    private AuthenticatorConfigRepresentation config() {
        AuthenticationExecutionInfoRepresentation execution = realm.flows().getExecutions(FLOW).stream()
                .filter(e -> AUTHENTICATOR.equals(e.getProviderId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("flow '" + FLOW + "' has no " + AUTHENTICATOR));
        return realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
    }
}
