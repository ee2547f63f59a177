package org.pimaccess.keycloak.page;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Client names, client descriptions and role descriptions the way Keycloak localizes them: a text that
 * is exactly {@code ${key}} is looked up in one of the realm's themes' messages and the realm's own
 * localization texts (what the account console or a mail shows); any other text is shown as written.
 * Home, the org-admin page and the invitation mail name roles through it.
 */
public final class ThemeTexts {

    private final Properties messages;

    private ThemeTexts(Properties messages) {
        this.messages = messages;
    }

    /** The messages of the realm's theme of this type, in this locale; none when the theme cannot be read. */
    public static ThemeTexts of(KeycloakSession session, Theme.Type type, Locale locale) {
        Properties messages;
        try {
            Theme theme = session.theme().getTheme(type);
            messages = theme.getEnhancedMessages(session.getContext().getRealm(), locale);
        } catch (IOException e) {
            messages = new Properties();
        }
        return new ThemeTexts(messages);
    }

    /** The text localized; {@code fallback} when it is empty or names a key no bundle has. */
    public String localize(String text, String fallback) {
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
