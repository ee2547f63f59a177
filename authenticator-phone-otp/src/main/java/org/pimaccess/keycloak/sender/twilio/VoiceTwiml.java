package org.pimaccess.keycloak.sender.twilio;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TwiML of a code call: one {@code <Say>} in the person's language, with each occurrence of the
 * code spelled as single digits with a pause between them ("4, 7, 1, ..."), so every voice reads them
 * one by one, slowly. The localized text says the code twice.
 */
final class VoiceTwiml {

    /** Twilio's voices want a language with a region; these are the usual ones where a locale has none. */
    private static final Map<String, String> REGIONS = Map.of(
            "en", "en-US", "de", "de-DE", "fr", "fr-FR", "es", "es-ES", "it", "it-IT",
            "nl", "nl-NL", "pt", "pt-BR", "ja", "ja-JP", "sv", "sv-SE", "pl", "pl-PL");

    private VoiceTwiml() {
    }

    static String of(String text, String code, Locale locale) {
        String spoken = escape(text).replaceAll(Pattern.quote(code), Matcher.quoteReplacement(spelled(code)));
        return "<Response><Say language=\"" + language(locale) + "\">" + spoken + "</Say></Response>";
    }

    static String language(Locale locale) {
        String language = locale.getLanguage();
        if (language.isEmpty()) {
            return "en-US";
        }
        return locale.getCountry().isEmpty() ? REGIONS.getOrDefault(language, language)
                : language + "-" + locale.getCountry();
    }

    private static String spelled(String code) {
        StringBuilder spoken = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            spoken.append(i == 0 ? "" : ", ").append(code.charAt(i));
        }
        return spoken.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
