package org.pimaccess.keycloak.sender.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.sender.PhoneMessage;

/**
 * The JSON the webhook posts: by default {@code {"to", "text", "method", "messageId", "locale"}}; with
 * a body template, the template with {@code {{to}}}, {@code {{text}}}, {@code {{method}}},
 * {@code {{messageId}}}, {@code {{locale}}} and {@code {{code}}} replaced by JSON-escaped values, so
 * the template puts the quotes around them. Braces, not {@code ${...}}: Keycloak's configuration
 * would expand the latter itself.
 */
final class WebhookBody {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(to|text|method|messageId|locale|code)}}");

    private final String template;

    /** @param template null or blank for the default shape */
    WebhookBody(String template) {
        this.template = template == null || template.isBlank() ? null : template;
    }

    String of(PhoneMessage message, String messageId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("to", message.phoneNumber());
        values.put("text", message.text());
        values.put("method", message.method().formValue());
        values.put("messageId", messageId);
        values.put("locale", message.locale().toLanguageTag());
        if (template == null) {
            try {
                return JsonSerialization.writeValueAsString(values);
            } catch (IOException e) {
                throw new IllegalStateException("A map of strings always serializes", e);
            }
        }
        values.put("code", message.code());
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        while (matcher.find()) {
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(values.get(matcher.group(1))));
            matcher.appendReplacement(body, Matcher.quoteReplacement(escaped));
        }
        return matcher.appendTail(body).toString();
    }
}
