package org.pimaccess.keycloak.sender;

import java.util.Locale;
import java.util.Objects;

import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * One message for one phone.
 *
 * @param phoneNumber the recipient in E.164 form
 * @param method      SMS or voice
 * @param text        the localized text, ready to send as an SMS or to read out
 * @param code        the one-time code, so a voice sender can read its digits one by one
 * @param locale      the language of the text, so a voice sender picks a matching voice
 */
public record PhoneMessage(String phoneNumber, DeliveryMethod method, String text, String code, Locale locale) {

    public PhoneMessage {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(locale, "locale");
    }

    @Override
    public String toString() {
        // Records print every component; a message must never reach a log with its code or number.
        return "PhoneMessage[method=" + method + "]";
    }
}
