package org.pimaccess.keycloak.sender;

import java.time.Duration;
import java.util.Optional;

/**
 * A gateway did not accept a message. The reason decides the message the user sees, the event error,
 * and whether the next sender of a list gets the message; the exception message is for the server
 * log and never holds a code or a full phone number.
 */
public class PhoneMessageSendException extends Exception {

    public enum Reason {
        THROTTLED("phone_message_throttled", true),
        OPTED_OUT("phone_message_opted_out", false),
        /** Final unless the operator opts in ({@code spend-limit-fails-over}): the limit set at the provider holds. */
        SPEND_LIMIT("phone_message_spend_limit", false),
        INVALID_NUMBER("phone_message_invalid_number", false),
        TIMEOUT("phone_message_timeout", true),
        UNAVAILABLE("phone_message_unavailable", true),
        /** This node already has as many calls in flight to the sender as it allows; nothing was sent. */
        BUSY("phone_message_busy", true);

        private final String eventError;
        private final boolean failsOver;

        Reason(String eventError, boolean failsOver) {
            this.eventError = eventError;
            this.failsOver = failsOver;
        }

        /**
         * Whether the next sender of a list should try. A fault of the gateway (or of our account with
         * it) may pass at another gateway; an invalid or opted-out number fails at every one, and a
         * spend limit is the operator's to lift.
         */
        public boolean failsOver() {
            return failsOver;
        }

        /** The error recorded on Keycloak events, for example {@code phone_message_throttled}. */
        public String eventError() {
            return eventError;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;
    private final boolean mayHaveBeenDelivered;

    public PhoneMessageSendException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null, false);
    }

    protected PhoneMessageSendException(Reason reason, String message, Throwable cause, Duration retryAfter,
                                        boolean mayHaveBeenDelivered) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.mayHaveBeenDelivered = mayHaveBeenDelivered;
    }

    /**
     * The request went out and the gateway failed after it (no answer in time, or a 5xx): it may have
     * delivered, and charged, all the same.
     */
    public static PhoneMessageSendException afterSending(Reason reason, String message, Throwable cause) {
        return new PhoneMessageSendException(reason, message, cause, null, true);
    }

    /** The gateway throttled and said when to come back ({@code Retry-After}). */
    public static PhoneMessageSendException throttled(String message, Duration retryAfter) {
        return new PhoneMessageSendException(Reason.THROTTLED, message, null, retryAfter, false);
    }

    public PhoneMessageSendException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** Whether this attempt may have reached the phone (and cost money) although it failed. */
    public boolean mayHaveBeenDelivered() {
        return mayHaveBeenDelivered;
    }

    /** How long the gateway asked us to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
