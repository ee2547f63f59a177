package org.pimaccess.keycloak.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;

class SenderChainTest {

    private static final PhoneMessage SMS =
            new PhoneMessage("+12025550143", DeliveryMethod.SMS, "Your code is 123456", "123456", Locale.ENGLISH);

    /** A sender whose answer the test scripts, and which counts the calls it got. */
    private static final class Scripted implements PhoneMessageSenderFactory {
        interface Answer {
            String send(PhoneMessage message) throws PhoneMessageSendException;
        }

        final String id;
        final Answer answer;
        final CallLimit limit;
        final Set<DeliveryMethod> methods;
        final List<PhoneMessage> calls = new ArrayList<>();

        Scripted(String id, int maxCalls, Set<DeliveryMethod> methods, Answer answer) {
            this.id = id;
            this.answer = answer;
            this.limit = new CallLimit(maxCalls);
            this.methods = methods;
        }

        static Scripted accepting(String id) {
            return new Scripted(id, 10, EnumSet.allOf(DeliveryMethod.class), message -> id + "-message");
        }

        static Scripted failing(String id, Reason reason) {
            return new Scripted(id, 10, EnumSet.allOf(DeliveryMethod.class), message -> {
                throw new PhoneMessageSendException(reason, id + " says no");
            });
        }

        @Override
        public PhoneMessageSender create(KeycloakSession session) {
            return message -> {
                synchronized (calls) {
                    calls.add(message);
                }
                return answer.send(message);
            };
        }

        @Override
        public Set<DeliveryMethod> supportedMethods() {
            return methods;
        }

        @Override
        public CallLimit callLimit() {
            return limit;
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return id;
        }
    }

    private static SenderChain chain(Scripted... senders) {
        Map<String, PhoneMessageSenderFactory> factories = new LinkedHashMap<>();
        for (Scripted sender : senders) {
            factories.put(sender.id, sender);
        }
        return new SenderChain(FakeSessions.session(factories, Map.of()), List.copyOf(factories.keySet()));
    }

    @Test
    void theFirstSenderThatAcceptsDeliversAndTheOnesAfterItAreNotAsked() throws Exception {
        Scripted first = Scripted.accepting("first");
        Scripted second = Scripted.accepting("second");

        SenderChain.Delivery delivery = chain(first, second).send(SMS);

        assertThat(delivery.senderId()).isEqualTo("first");
        assertThat(delivery.messageId()).isEqualTo("first-message");
        assertThat(delivery.failedBefore()).isEmpty();
        assertThat(second.calls).isEmpty();
    }

    @Test
    void gatewayFaultsPassTheSameMessageToTheNextSenderAndAreNamedInOrder() throws Exception {
        Scripted down = Scripted.failing("down", Reason.UNAVAILABLE);
        Scripted slow = Scripted.failing("slow", Reason.TIMEOUT);
        Scripted throttled = Scripted.failing("throttled", Reason.THROTTLED);
        Scripted up = Scripted.accepting("up");

        SenderChain.Delivery delivery = chain(down, slow, throttled, up).send(SMS);

        assertThat(delivery.senderId()).isEqualTo("up");
        assertThat(delivery.failedBeforeText()).isEqualTo("down:phone_message_unavailable,slow:phone_message_timeout,"
                + "throttled:phone_message_throttled");
        assertThat(delivery.triedText()).isEqualTo("down:phone_message_unavailable,slow:phone_message_timeout,"
                + "throttled:phone_message_throttled,up:sent");
        assertThat(up.calls).containsExactly(SMS);
    }

    @Test
    void aSpendLimitIsFinalUnlessTheOperatorOptsIn() throws Exception {
        Scripted broke = Scripted.failing("broke", Reason.SPEND_LIMIT);
        Scripted next = Scripted.accepting("next");

        assertThatThrownBy(() -> chain(broke, next).send(SMS)).isInstanceOfSatisfying(SenderChain.Failed.class,
                e -> assertThat(e.triedText()).isEqualTo("broke:phone_message_spend_limit"));
        assertThat(next.calls).isEmpty();

        SenderChain optedIn = new SenderChain(FakeSessions.session(Map.of("broke", broke, "next", next), Map.of()),
                List.of("broke", "next"), true, () -> true);
        assertThat(optedIn.send(SMS).triedText()).isEqualTo("broke:phone_message_spend_limit,next:sent");
    }

    @Test
    void afterAnAttemptThatMayHaveDeliveredTheNextSenderTriesTheSameMessageOnlyIfItIsCharged() throws Exception {
        Scripted late = new Scripted("late", 10, EnumSet.allOf(DeliveryMethod.class), message -> {
            throw PhoneMessageSendException.afterSending(Reason.TIMEOUT, "no answer in time", null);
        });
        Scripted refused = Scripted.failing("refused", Reason.UNAVAILABLE);
        Scripted next = Scripted.accepting("next");
        Map<String, PhoneMessageSenderFactory> factories = Map.of("late", late, "refused", refused, "next", next);
        List<String> charges = new ArrayList<>();

        SenderChain.Delivery delivery = new SenderChain(FakeSessions.session(factories, Map.of()),
                List.of("refused", "late", "next"), false, () -> charges.add("charged")).send(SMS);

        assertThat(charges).as("one charge: for the attempt after the one that may have delivered").hasSize(1);
        assertThat(delivery.triedText())
                .isEqualTo("refused:phone_message_unavailable,late:phone_message_timeout:maybe_delivered,next:sent");
        assertThat(next.calls).containsExactly(late.calls.get(0)).containsExactly(SMS);

        Scripted untried = Scripted.accepting("untried");
        assertThatThrownBy(() -> new SenderChain(FakeSessions.session(Map.of("late", late, "untried", untried), Map.of()),
                List.of("late", "untried"), false, () -> false).send(SMS))
                .isInstanceOfSatisfying(SenderChain.Failed.class, e -> {
                    assertThat(e.mayHaveBeenDelivered()).isTrue();
                    assertThat(e.triedText()).isEqualTo("late:phone_message_timeout:maybe_delivered");
                });
        assertThat(untried.calls).as("no charge, no second attempt").isEmpty();
    }

    @Test
    void anInvalidOrOptedOutNumberIsNotTriedElsewhere() {
        for (Reason reason : List.of(Reason.INVALID_NUMBER, Reason.OPTED_OUT)) {
            Scripted refusing = Scripted.failing("refusing", reason);
            Scripted next = Scripted.accepting("next");

            assertThatThrownBy(() -> chain(refusing, next).send(SMS))
                    .isInstanceOfSatisfying(SenderChain.Failed.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.failuresText()).isEqualTo("refusing:" + reason.eventError());
                    });
            assertThat(next.calls).isEmpty();
        }
    }

    @Test
    void whenEverySenderFailsTheLastReasonAndItsRetryAfterCount() {
        Scripted down = Scripted.failing("down", Reason.UNAVAILABLE);
        Scripted throttled = new Scripted("throttled", 10, EnumSet.allOf(DeliveryMethod.class), message -> {
            throw PhoneMessageSendException.throttled("HTTP 429", Duration.ofSeconds(42));
        });

        assertThatThrownBy(() -> chain(down, throttled).send(SMS))
                .isInstanceOfSatisfying(SenderChain.Failed.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
                    assertThat(e.failuresText()).isEqualTo("down:phone_message_unavailable,throttled:phone_message_throttled");
                });
    }

    @Test
    void aSenderThatIsMissingOrCannotCarryTheMethodIsSkippedAsUnavailable() throws Exception {
        Scripted smsOnly = new Scripted("sms-only", 10, EnumSet.of(DeliveryMethod.SMS), message -> "never");
        Scripted voice = Scripted.accepting("voice");
        Map<String, PhoneMessageSenderFactory> factories = Map.of("sms-only", smsOnly, "voice", voice);
        SenderChain chain = new SenderChain(FakeSessions.session(factories, Map.of()), List.of("missing", "sms-only", "voice"));

        SenderChain.Delivery delivery = chain.send(new PhoneMessage("+12025550143", DeliveryMethod.VOICE, "Code 1 2 3",
                "123456", Locale.ENGLISH));

        assertThat(delivery.senderId()).isEqualTo("voice");
        assertThat(delivery.failedBeforeText()).isEqualTo("missing:phone_message_unavailable,sms-only:phone_message_unavailable");
        assertThat(smsOnly.calls).isEmpty();
    }

    @Test
    void aSenderThatThrowsSomethingUnexpectedCountsAsUnavailableAndFailsOver() throws Exception {
        Scripted buggy = new Scripted("buggy", 10, EnumSet.allOf(DeliveryMethod.class), message -> {
            throw new IllegalStateException("surprise");
        });
        Scripted next = Scripted.accepting("next");

        SenderChain.Delivery delivery = chain(buggy, next).send(SMS);

        assertThat(delivery.failedBeforeText()).isEqualTo("buggy:phone_message_unavailable");
        assertThat(buggy.limit.tryAcquire()).as("the slot was given back").isTrue();
    }

    @Test
    void aFullSenderAnswersBusyAtOnceAndPassesTheMessageOnWhileItsCallsHang() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inFlight = new CountDownLatch(2);
        Scripted stalled = new Scripted("stalled", 2, EnumSet.allOf(DeliveryMethod.class), message -> {
            inFlight.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SenderChain.Delivery>> hanging = List.of(
                    pool.submit(() -> chain(stalled).send(SMS)), pool.submit(() -> chain(stalled).send(SMS)));
            assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> chain(stalled).send(SMS))
                    .isInstanceOfSatisfying(SenderChain.Failed.class, e -> assertThat(e.reason()).isEqualTo(Reason.BUSY));
            Scripted next = Scripted.accepting("next");
            assertThat(chain(stalled, next).send(SMS).failedBeforeText()).isEqualTo("stalled:phone_message_busy");
            assertThat(stalled.calls).hasSize(2);

            release.countDown();
            for (Future<SenderChain.Delivery> call : hanging) {
                assertThat(call.get(10, TimeUnit.SECONDS).messageId()).isEqualTo("late");
            }
            assertThat(chain(stalled).send(SMS).senderId()).as("slots are given back").isEqualTo("stalled");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
