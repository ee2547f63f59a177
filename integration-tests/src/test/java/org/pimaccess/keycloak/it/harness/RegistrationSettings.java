package org.pimaccess.keycloak.it.harness;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;

/** Reads and changes the phone-register required action's configuration, as in the admin console. */
public final class RegistrationSettings {

    private static final String ACTION = "phone-register";

    private final RealmResource realm;

    RegistrationSettings(RealmResource realm) {
        this.realm = realm;
    }

    void useForTests() {
        change(PhoneOtpSettings.TEST_BASELINE);
    }

    /** Applies the changes until the returned handle is closed, then restores what was there. */
    public AutoCloseable change(Map<String, String> changes) {
        RequiredActionConfigRepresentation config = realm.flows().getRequiredActionConfig(ACTION);
        Map<String, String> before = new HashMap<>(config.getConfig());
        Map<String, String> after = new HashMap<>(before);
        after.putAll(changes);
        config.setConfig(after);
        realm.flows().updateRequiredActionConfig(ACTION, config);
        return () -> {
            RequiredActionConfigRepresentation restored = realm.flows().getRequiredActionConfig(ACTION);
            restored.setConfig(before);
            realm.flows().updateRequiredActionConfig(ACTION, restored);
        };
    }
}
