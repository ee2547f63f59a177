package org.pimaccess.keycloak.page;

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

/**
 * A web page's own texts in one of the pack's languages ({@link #LANGUAGES}), as the page's script reads
 * them ({@code {locale, messages}}): the page's bundle in the JAR ({@code <folder>/messages_<language>.properties},
 * English underneath), with the realm's overrides on top (Realm settings, Localization, Realm overrides, same
 * key). Home ({@code pim-home-ui}) and the org-admin page ({@code pim-org-admin-ui}) both answer with it.
 */
public record PageTexts(String locale, Map<String, String> messages) {

    /** Language tags as the realm lists them; a bundle's file name has {@code _} for {@code -} ({@code pt_BR}). */
    public static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es", "it", "nl", "pl", "pt-BR", "ja");
    private static final String DEFAULT_LANGUAGE = "en";

    /**
     * The texts of the bundle in {@code folder} (a class-path folder such as {@code /pim-home-ui/messages}) in the
     * language asked for when the realm supports it, else the person's, else English.
     */
    public static PageTexts of(KeycloakSession session, String folder, String asked) {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = supported(realm, asked);
        if (locale == null) {
            locale = session.getContext().resolveLocale(null);
        }
        String language = language(locale);
        Properties bundle = bundle(folder, DEFAULT_LANGUAGE);
        if (!language.equals(DEFAULT_LANGUAGE)) {
            bundle.putAll(bundle(folder, language));
        }
        Map<String, String> overrides = realm.getRealmLocalizationTextsByLocale(language);
        Map<String, String> messages = new TreeMap<>();
        bundle.stringPropertyNames().forEach(key -> messages.put(key, overrides.getOrDefault(key, bundle.getProperty(key))));
        return new PageTexts(language, messages);
    }

    /** These texts and more (for example names that come from the realm rather than from the bundle). */
    public PageTexts with(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(messages);
        all.putAll(more);
        return new PageTexts(locale, all);
    }

    /** The pack's language for a locale: the exact tag, else its language, else the one regional variant of it. */
    public static String language(Locale locale) {
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

    private static Properties bundle(String folder, String language) {
        Properties properties = new Properties();
        try (InputStream in = PageTexts.class.getResourceAsStream(folder + "/messages_" + language.replace('-', '_') + ".properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
