package org.pimaccess.keycloak.home;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Client names, client descriptions and role descriptions the way Keycloak localizes them: a text that
 * is exactly {@code ${key}} is looked up in the realm's account theme messages and the realm's own
 * localization texts (what the account console shows); any other text is shown as written.
 */
final class Texts {

    private final Properties messages;

    private Texts(Properties messages) {
        this.messages = messages;
    }

    static Texts of(KeycloakSession session, Locale locale) {
        Properties messages;
        try {
            Theme theme = session.theme().getTheme(Theme.Type.ACCOUNT);
            messages = theme.getEnhancedMessages(session.getContext().getRealm(), locale);
        } catch (IOException e) {
            messages = new Properties();
        }
        return new Texts(messages);
    }

    /** The text localized; {@code fallback} when it is empty or names a key no bundle has. */
    String localize(String text, String fallback) {
        return localize(text, messages, fallback);
    }

    static String localize(String text, Properties messages, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("${") && trimmed.endsWith("}")) {
            String value = messages.getProperty(trimmed.substring(2, trimmed.length() - 1));
            return value == null || value.isBlank() ? fallback : value;
        }
        return text;
    }
}
