package org.pimaccess.keycloak.sender.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSML for a voice call: the localized text, with each occurrence of the code read as single
 * digits, slowly, with a pause between them. The text says the code twice.
 */
final class VoiceSsml {

    private VoiceSsml() {
    }

    static String of(String text, String code) {
        String escaped = escape(text);
        String digits = slowDigits(code);
        return "<speak>" + escaped.replaceAll(Pattern.quote(code), Matcher.quoteReplacement(digits))
                + "</speak>";
    }

    private static String slowDigits(String code) {
        StringBuilder ssml = new StringBuilder("<break time=\"300ms\"/><prosody rate=\"x-slow\">");
        for (int i = 0; i < code.length(); i++) {
            if (i > 0) {
                ssml.append("<break time=\"400ms\"/>");
            }
            ssml.append("<say-as interpret-as=\"digits\">").append(code.charAt(i)).append("</say-as>");
        }
        return ssml.append("</prosody><break time=\"600ms\"/>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
