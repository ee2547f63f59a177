package org.pimaccess.keycloak.home;

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
import org.pimaccess.keycloak.home.Views.PageTexts;

/**
 * The home page's own texts in the pack's languages ({@link #LANGUAGES}), from {@code pim-home-ui/messages/}
 * in the JAR. A realm admin overrides any of them per language under Realm settings, Localization, Realm
 * overrides, with the same key.
 */
final class PageMessages {

    /** Language tags as the realm lists them; a bundle's file name has {@code _} for {@code -} ({@code pt_BR}). */
    static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es", "it", "nl", "pl", "pt-BR", "ja");
    private static final String DEFAULT_LANGUAGE = "en";

    private PageMessages() {
    }

    /** The texts in the language asked for (when the realm supports it), else the person's, else English. */
    static PageTexts of(KeycloakSession session, String asked) {
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
        return new PageTexts(language, messages);
    }

    /** The pack's language for a locale: the exact tag, else its language, else the one regional variant of it. */
    static String language(Locale locale) {
        if (LANGUAGES.contains(locale.toLanguageTag())) {
            return locale.toLanguageTag();
        }
        return LANGUAGES.stream().filter(tag -> Locale.forLanguageTag(tag).getLanguage().equals(locale.getLanguage()))
                .sorted().findFirst().orElse(DEFAULT_LANGUAGE);
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
        try (InputStream in = PageMessages.class.getResourceAsStream("/pim-home-ui/messages/messages_" + language.replace('-', '_') + ".properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
