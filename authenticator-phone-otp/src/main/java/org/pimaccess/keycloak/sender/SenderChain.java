package org.pimaccess.keycloak.sender;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;

/**
 * Failover and bulkhead: hands one message to the senders of an ordered list until one accepts it.
 * Each call to a sender takes a slot of that sender's {@link CallLimit} on this node first; with no
 * free slot the sender counts as {@link Reason#BUSY} and the next one tries. A refusal that would
 * fail anywhere ({@link Reason#failsOver()} false, such as an invalid number) ends the list, and so
 * does a spend limit unless the operator opted in.
 *
 * <p>Every sender gets the same message, so the same code: a gateway that failed after the request
 * went out may have delivered it, and at worst the person gets that code twice. Such an attempt may
 * also have cost money, so before the next sender tries, the caller's {@link Charge} counts one more
 * attempt against its caps and budgets; when they hold no more, the list ends there.
 */
public final class SenderChain {

    private static final Logger LOG = Logger.getLogger(SenderChain.class);

    /** Counts one more attempt that may cost money; false when the caps or budgets hold no more. */
    @FunctionalInterface
    public interface Charge {
        boolean another();
    }

    /** One sender that did not take the message, why, and whether it may have delivered it all the same. */
    public record Failure(String senderId, Reason reason, boolean mayHaveBeenDelivered) {
        @Override
        public String toString() {
            return senderId + ":" + reason.eventError();
        }

        String outcome() {
            return this + (mayHaveBeenDelivered ? ":maybe_delivered" : "");
        }
    }

    /**
     * The message went out.
     *
     * @param senderId     the sender that accepted it
     * @param messageId    that gateway's id for it
     * @param failedBefore the senders that refused it first, in order
     */
    public record Delivery(String senderId, String messageId, List<Failure> failedBefore) {
        /** For an event detail, for example {@code aws-sns:phone_message_unavailable}; empty if none failed. */
        public String failedBeforeText() {
            return join(failedBefore);
        }

        /** Every sender tried and how it ended, for example {@code aws-sns:phone_message_timeout:maybe_delivered,http:sent}. */
        public String triedText() {
            return outcomes(failedBefore) + (failedBefore.isEmpty() ? "" : ",") + senderId + ":sent";
        }
    }

    /** No sender of the list took the message. The reason is that of the last one tried. */
    public static final class Failed extends PhoneMessageSendException {

        private final List<Failure> failures;

        Failed(List<Failure> failures, PhoneMessageSendException last) {
            super(last.reason(), failures.size() == 1 ? last.getMessage()
                    : "no sender took the message (" + join(failures) + "); last: " + last.getMessage(), last,
                    last.retryAfter().orElse(null), failures.stream().anyMatch(Failure::mayHaveBeenDelivered));
            this.failures = List.copyOf(failures);
        }

        /** Every sender tried, in order, for an event detail. */
        public String failuresText() {
            return join(failures);
        }

        /** Every sender tried and how it ended, as {@link Delivery#triedText()}. */
        public String triedText() {
            return outcomes(failures);
        }
    }

    private final KeycloakSession session;
    private final List<String> senderIds;
    private final boolean spendLimitFailsOver;
    private final Charge charge;

    /** A list where a spend limit is final and no attempt is charged beyond the first (tests, tools). */
    public SenderChain(KeycloakSession session, List<String> senderIds) {
        this(session, senderIds, false, () -> true);
    }

    /**
     * @param spendLimitFailsOver whether a spend-limit refusal passes the message to the next sender
     * @param charge              asked before each attempt that follows one that may have cost money
     */
    public SenderChain(KeycloakSession session, List<String> senderIds, boolean spendLimitFailsOver, Charge charge) {
        if (senderIds.isEmpty()) {
            throw new IllegalArgumentException("a sender list needs at least one sender");
        }
        this.session = session;
        this.senderIds = List.copyOf(senderIds);
        this.spendLimitFailsOver = spendLimitFailsOver;
        this.charge = charge;
    }

    public Delivery send(PhoneMessage message) throws Failed {
        List<Failure> failures = new ArrayList<>();
        PhoneMessageSendException last = null;
        boolean owed = false;
        for (String senderId : senderIds) {
            if (owed) {
                if (!charge.another()) {
                    LOG.warnf("Not trying sender %s: an earlier sender may have delivered the %s message, and the "
                            + "caps or budgets hold no further attempt", senderId, message.method().formValue());
                    break;
                }
                owed = false;
            }
            try {
                return new Delivery(senderId, sendThrough(senderId, message), List.copyOf(failures));
            } catch (PhoneMessageSendException e) {
                failures.add(new Failure(senderId, e.reason(), e.mayHaveBeenDelivered()));
                last = e;
                owed = e.mayHaveBeenDelivered();
                if (!failsOver(e.reason())) {
                    break;
                }
                if (failures.size() < senderIds.size()) {
                    LOG.warnf("Sender %s did not take a %s message (%s); trying the next sender", senderId,
                            message.method().formValue(), e.getMessage());
                }
            }
        }
        throw new Failed(failures, last);
    }

    private boolean failsOver(Reason reason) {
        return reason == Reason.SPEND_LIMIT ? spendLimitFailsOver : reason.failsOver();
    }

    private String sendThrough(String senderId, PhoneMessage message) throws PhoneMessageSendException {
        PhoneMessageSenderFactory factory = factoryOf(senderId, message);
        CallLimit limit = factory.callLimit();
        if (!limit.tryAcquire()) {
            PhoneMetrics.refusedBusy(senderId, message.method());
            throw new PhoneMessageSendException(Reason.BUSY,
                    "sender '" + senderId + "' already has " + limit.max() + " calls in flight on this node");
        }
        long started = System.nanoTime();
        String outcome = PhoneMetrics.SENT;
        try {
            return session.getProvider(PhoneMessageSender.class, senderId).send(message);
        } catch (PhoneMessageSendException e) {
            outcome = e.reason().name();
            throw e;
        } catch (RuntimeException e) {
            // A bug or an SDK surprise in one sender must not turn the page into an error 500, nor stop the list.
            outcome = Reason.UNAVAILABLE.name();
            throw new PhoneMessageSendException(Reason.UNAVAILABLE,
                    "sender '" + senderId + "' failed: " + e.getClass().getName(), e);
        } finally {
            limit.release();
            PhoneMetrics.gatewayCall(senderId, message.method(), outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The deployed sender of this id, if it carries the message's method. */
    private PhoneMessageSenderFactory factoryOf(String senderId, PhoneMessage message) throws PhoneMessageSendException {
        ProviderFactory<PhoneMessageSender> factory =
                session.getKeycloakSessionFactory().getProviderFactory(PhoneMessageSender.class, senderId);
        if (!(factory instanceof PhoneMessageSenderFactory senderFactory)) {
            throw new PhoneMessageSendException(Reason.UNAVAILABLE,
                    "no phone-message-sender provider '" + senderId + "' is deployed");
        }
        if (!senderFactory.supportedMethods().contains(message.method())) {
            throw new PhoneMessageSendException(Reason.UNAVAILABLE, "phone-message-sender '" + senderId
                    + "' does not carry " + message.method().formValue() + "; configure another sender");
        }
        return senderFactory;
    }

    private static String join(List<Failure> failures) {
        return failures.stream().map(Failure::toString).collect(Collectors.joining(","));
    }

    private static String outcomes(List<Failure> failures) {
        return failures.stream().map(Failure::outcome).collect(Collectors.joining(","));
    }
}
