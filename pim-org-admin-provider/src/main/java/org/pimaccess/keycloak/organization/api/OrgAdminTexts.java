package org.pimaccess.keycloak.organization.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;
import org.pimaccess.keycloak.organization.OrgRoles;

/**
 * The org-admin page's texts in one language: its own bundle ({@code pim-org-admin-ui/messages/} in the
 * JAR, with the realm's overrides under Realm settings, Localization) and, as {@code role.<name>}, each
 * assignable role's human name the way home shows it (a description {@code ${key}} read from the
 * realm's account theme messages). The language is the one asked for when the realm supports it, else
 * the browser's, else English.
 */
final class OrgAdminTexts {

    /** Language tags as the realm lists them; a bundle's file name has {@code _} for {@code -} ({@code pt_BR}). */
    static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es", "it", "nl", "pl", "pt-BR", "ja");
    private static final String DEFAULT_LANGUAGE = "en";

    private OrgAdminTexts() {
    }

    static Views.PageTexts of(KeycloakSession session, OrgRoles roles, String asked) {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = supported(realm, asked);
        if (locale == null) {
            locale = session.getContext().resolveLocale(null);
        }
        String language = language(locale);
        Properties bundle = bundle(DEFAULT_LANGUAGE);
        if (!language.equals(DEFAULT_LANGUAGE)) {
            bundle.putAll(bundle(language));
        }
        Map<String, String> overrides = realm.getRealmLocalizationTextsByLocale(language);
        Map<String, String> messages = new TreeMap<>();
        bundle.stringPropertyNames().forEach(key -> messages.put(key, overrides.getOrDefault(key, bundle.getProperty(key))));
        Properties themeTexts = accountTexts(session, realm, Locale.forLanguageTag(language));
        roles.allowList().forEach(role -> messages.put("role." + role, localized(roles.humanName(role), themeTexts, role)));
        return new Views.PageTexts(language, messages);
    }

    /** The pack's language for a locale: the exact tag, else its language, else the one regional variant of it. */
    static String language(Locale locale) {
        if (LANGUAGES.contains(locale.toLanguageTag())) {
            return locale.toLanguageTag();
        }
        return LANGUAGES.stream().filter(tag -> Locale.forLanguageTag(tag).getLanguage().equals(locale.getLanguage()))
                .sorted().findFirst().orElse(DEFAULT_LANGUAGE);
    }

    static String localized(String text, Properties messages, String fallback) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("${") || !trimmed.endsWith("}")) {
            return text;
        }
        String value = messages.getProperty(trimmed.substring(2, trimmed.length() - 1));
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Properties accountTexts(KeycloakSession session, RealmModel realm, Locale locale) {
        try {
            return session.theme().getTheme(Theme.Type.ACCOUNT).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            return new Properties();
        }
    }

    private static Locale supported(RealmModel realm, String asked) {
        if (asked == null || asked.isBlank() || !realm.isInternationalizationEnabled()) {
            return null;
        }
        return realm.getSupportedLocalesStream()
                .filter(tag -> tag.equalsIgnoreCase(asked.strip()))
                .findFirst()
                .map(Locale::forLanguageTag)
                .orElse(null);
    }

    private static Properties bundle(String language) {
        Properties properties = new Properties();
        String file = "/pim-org-admin-ui/messages/messages_" + language.replace('-', '_') + ".properties";
        try (InputStream in = OrgAdminTexts.class.getResourceAsStream(file)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
