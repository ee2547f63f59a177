package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.LoginErrors;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * A stalled gateway behind sender {@code http} ({@code max-concurrent-calls=4} in the test server) takes
 * four calls and no more; everyone else gets an immediate "busy" page, and password sign-ins go on.
 */
@PimKeycloakTest
class SenderBulkheadIT {

    private static final int SENDS = 20;
    /** The stall: shorter than sender {@code http}'s call timeout in tests, so the four calls hold their slots throughout. */
    private static final Duration GATEWAY_DELAY = Duration.ofSeconds(30);
    /**
     * A busy answer does not wait for a slot to free up, which would take the gateway's delay; a
     * password-only sign-in is not queued behind the stalled calls. Half the stall: the twenty Sends
     * arrive at once on a shared, loaded two-core machine, where a page can take seconds.
     */
    private static final Duration IMMEDIATE = GATEWAY_DELAY.dividedBy(2);
    private static final String BUSY = "Many codes are being sent right now. Try again in a moment.";

    private record Answer(TestUser user, SignIn signIn, String phoneId, Page page, Duration took) {
        boolean busy() {
            return page.errors().contains(BUSY);
        }
    }

    private PimKeycloak keycloak;
    private AutoCloseable smsThroughTheWebhook;

    @BeforeEach
    void smsThroughTheWebhook(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        keycloak.webhookFake().answerNormally();
        smsThroughTheWebhook = keycloak.phoneOtpSettings().change(Map.of("sms-sender", "http"));
    }

    @AfterEach
    void backToNormal() throws Exception {
        smsThroughTheWebhook.close();
        keycloak.webhookFake().answerNormally();
    }

    @Test
    void twentySendsToAStalledGatewayMakeFourCallsAndSixteenImmediateBusyPagesWhilePasswordSignInsGoOn() throws Exception {
        String passwordOnly = Clients.passwordOnly(keycloak);
        List<TestUser> senders = new ArrayList<>();
        List<SignIn> signIns = new ArrayList<>();
        List<String> phoneIds = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            phoneIds.add(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0));
            senders.add(user);
            signIns.add(signIn);
        }
        List<TestUser> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(TestUsers.withPhones(keycloak, 1));
        }
        keycloak.webhookFake().answerAfter(GATEWAY_DELAY);

        ExecutorService pool = Executors.newFixedThreadPool(SENDS + 2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> sends = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                int n = i;
                sends.add(pool.submit(() -> {
                    go.await();
                    Instant start = Instant.now();
                    Page page = signIns.get(n).send(phoneIds.get(n), "sms");
                    return new Answer(senders.get(n), signIns.get(n), phoneIds.get(n), page, Duration.between(start, Instant.now()));
                }));
            }
            go.countDown();
            // The busy answers come back at once; the four calls that got through hang at the gateway.
            Poll.until(IMMEDIATE, () -> sends.stream().filter(Future::isDone).count(), done -> done >= SENDS - 4,
                    "the busy answers");

            // While those four hold their worker threads, other people sign in with their password only.
            List<Future<Duration>> passwordSignIns = new ArrayList<>();
            for (int lane = 0; lane < 2; lane++) {
                List<TestUser> mine = others.subList(lane * 2, lane * 2 + 2);
                passwordSignIns.add(pool.submit(() -> {
                    Duration slowest = Duration.ZERO;
                    for (TestUser other : mine) {
                        assertThat(sends.stream().filter(Future::isDone).count())
                                .as("the gateway still stalls as the sign-in starts").isEqualTo(SENDS - 4);
                        SignIn signIn = new SignIn(keycloak.baseUrl());
                        Instant start = Instant.now();
                        signIn.open(passwordOnly, "password");
                        Page done = signIn.password(other.username(), TestUsers.PASSWORD);
                        Duration took = Duration.between(start, Instant.now());
                        assertThat(done.isCallback()).as("a password-only sign-in completes").isTrue();
                        slowest = took.compareTo(slowest) > 0 ? took : slowest;
                    }
                    return slowest;
                }));
            }
            for (Future<Duration> lane : passwordSignIns) {
                assertThat(lane.get(GATEWAY_DELAY.toSeconds(), TimeUnit.SECONDS)).as("the slowest password-only sign-in")
                        .isLessThan(IMMEDIATE);
            }
            assertThat(sends.stream().filter(Future::isDone).count())
                    .as("the gateway still stalled when the password-only sign-ins had finished").isEqualTo(SENDS - 4);

            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> send : sends) {
                answers.add(send.get(GATEWAY_DELAY.toSeconds() + 60, TimeUnit.SECONDS));
            }
            List<Answer> busy = answers.stream().filter(Answer::busy).toList();
            assertThat(keycloak.webhookFake().received()).as("calls that reached the gateway").hasSize(4);
            assertThat(busy).hasSize(SENDS - 4);
            assertThat(busy).allSatisfy(answer -> {
                assertThat(answer.took()).isLessThan(IMMEDIATE);
                assertThat(answer.page().status()).isEqualTo(200);
                assertThat(answer.page().hasForm("pim-phone-otp-select")).isTrue();
            });
            for (Answer answer : busy) {
                assertThat(LoginErrors.await(keycloak, answer.user().id(), "phone_message_busy").getDetails())
                        .containsEntry("phone_senders_failed", "http:phone_message_busy");
            }

            // Once the gateway answers again, a person who got "busy" simply presses Send again.
            keycloak.webhookFake().answerNormally();
            Answer again = busy.get(0);
            assertThat(again.signIn().send(again.phoneId(), "sms").hasForm("pim-phone-otp-code"))
                    .as("the busy answer did not burn the attempt nor start the cooldown").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
