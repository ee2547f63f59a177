package org.pimaccess.keycloak.code;

import java.util.Map;

/**
 * Reads values of an admin-console configuration (authenticator or required-action config), where
 * everything is a string an admin typed: a missing, blank or unreadable value takes the default.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static int intOf(Map<String, String> config, String key, int fallback) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static String textOf(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
