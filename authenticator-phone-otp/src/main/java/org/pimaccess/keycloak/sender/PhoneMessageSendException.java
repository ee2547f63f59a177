package org.pimaccess.keycloak.sender;

/**
 * A gateway did not accept a message. The reason decides the message the user sees and the event error;
 * the exception message is for the server log and never holds a code or a full phone number.
 */
public class PhoneMessageSendException extends Exception {

    public enum Reason {
        THROTTLED("phone_message_throttled"),
        OPTED_OUT("phone_message_opted_out"),
        SPEND_LIMIT("phone_message_spend_limit"),
        INVALID_NUMBER("phone_message_invalid_number"),
        TIMEOUT("phone_message_timeout"),
        UNAVAILABLE("phone_message_unavailable");

        private final String eventError;

        Reason(String eventError) {
            this.eventError = eventError;
        }

        /** The error recorded on Keycloak events, for example {@code phone_message_throttled}. */
        public String eventError() {
            return eventError;
        }
    }

    private final Reason reason;

    public PhoneMessageSendException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public PhoneMessageSendException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
