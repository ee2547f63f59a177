package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class PhoneOtpSendingIT {

    /** A gateway that stalls far beyond the call timeout: a page at the timeout cannot be mistaken for its answer. */
    private static final Duration GATEWAY_STALL = PimKeycloak.CALL_TIMEOUT.plusSeconds(60);

    private PimKeycloak keycloak;

    @AfterEach
    void gatewayBackToNormal() {
        if (keycloak != null) {
            keycloak.awsFake().answerNormally();
        }
    }

    @Test
    void refreshingTheCodePageSendsNothingAndAResendInsideTheCooldownIsRefusedWithTheSecondsLeft(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        Page refreshed = signIn.browser().refresh();
        assertThat(refreshed.hasForm("pim-phone-otp-code")).isTrue();
        signIn.browser().refresh();
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);

        Page resend = signIn.resend();
        assertThat(resend.errors()).containsPattern("Please wait (\\d|[12]\\d|30) seconds before asking for another code\\.");
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);

        Page another = signIn.back();
        assertThat(another.hasForm("pim-phone-otp-select")).as("Use another phone or method").isTrue();
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);
    }

    @Test
    void aSenderThatCannotCarryTheMethodGivesAClearMessageInsteadOfAnError(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable snsForVoice = keycloak.phoneOtpSettings().change(Map.of("voice-sender", "aws-sns"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");

            Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "voice");

            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.errors()).contains("The messaging service is not available.");
            assertThat(keycloak.awsFake().sentTo(user.phone())).isEmpty();
        }
    }

    @Test
    void thePerUserCapHoldsAcrossTwoSeparateSignIns(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable capOfTwo = keycloak.phoneOtpSettings().change(Map.of(
                "user-send-cap", "2", "resend-cooldown-seconds", "0"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn first = new SignIn(keycloak.baseUrl());
            first.open("pim");
            first.send(first.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            first.resend();
            assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(2);

            SignIn second = new SignIn(keycloak.baseUrl());
            second.open("pim");
            Page refused = second.send(second.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "voice");

            assertThat(refused.errors()).contains("Too many codes were sent recently.");
            assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(2);
        }
    }

    @Test
    void aPhoneOutsideTheCountryAllowListGetsNothing(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable canadaOnly = keycloak.phoneOtpSettings().change(Map.of("allowed-countries", "CA"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");

            Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

            assertThat(refused.errors()).contains("Codes cannot be sent to numbers in this country.");
            assertThat(keycloak.awsFake().sentTo(user.phone())).isEmpty();
        }
    }

    @Test
    void aThrottledGatewayGivesAClearMessageAnEventAndDoesNotBurnTheAttempt(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        assertGatewayFault(keycloak, AwsFake::snsThrottles, "The messaging service is busy.", "phone_message_throttled");
    }

    @Test
    void aGatewayAnswering500GivesAClearMessageAndAnEvent(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        assertGatewayFault(keycloak, AwsFake::snsFailsWith500, "The messaging service is not available.", "phone_message_unavailable");
    }

    @Test
    void aGatewaySlowerThanTheCallTimeoutGivesAClearMessageAtTheTimeoutNotWhenTheGatewayAnswers(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        assertGatewayFault(keycloak, aws -> aws.snsAnswersAfter(GATEWAY_STALL),
                "The messaging service did not answer in time.", "phone_message_timeout");
    }

    @Test
    void afterSignInsAndFaultsTheServerLogHoldsNoCodeAndNoFullPhoneNumber(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        String phoneId = signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0);
        keycloak.awsFake().snsThrottles();
        signIn.send(phoneId, "sms");
        keycloak.awsFake().answerNormally();
        signIn.send(phoneId, "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));

        List<String> secrets = new ArrayList<>();
        for (AwsFake.Sent sent : keycloak.awsFake().sent()) {
            secrets.add(sent.phoneNumber());
            secrets.add(sent.phoneNumber().substring(1));
            secrets.add(SentCodes.fromSms(sent.body()));
        }
        secrets.add(user.phone());
        String log = Poll.until(Duration.ofSeconds(60), () -> read(keycloak.serverLog()),
                text -> text.contains("userId=\"" + user.id() + "\"") && text.contains("phone_message_throttled"),
                "the server log to show this user's failed send");
        for (String secret : secrets) {
            assertThat(log).as("the server log").doesNotContainPattern("\\b" + Pattern.quote(secret) + "\\b");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertGatewayFault(PimKeycloak keycloak, Consumer<AwsFake> fault, String message, String eventError) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        String phoneId = signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0);
        fault.accept(keycloak.awsFake());

        Instant start = Instant.now();
        Page failed = signIn.send(phoneId, "sms");
        Duration took = Duration.between(start, Instant.now());

        assertThat(took).as("the page came at the call timeout, long before a stalled gateway answers")
                .isLessThan(GATEWAY_STALL.dividedBy(2));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.errors()).contains(message);
        assertThat(failed.hasForm("pim-phone-otp-select")).as("the user can retry or pick another method").isTrue();
        assertThat(failed.body()).doesNotContain("Exception").doesNotContain("at org.");
        List<EventRepresentation> events = Poll.until(Duration.ofSeconds(60),
                () -> keycloak.realm().getEvents(List.of("LOGIN_ERROR"), null, user.id(), null, null, null, 0, 20),
                list -> list.stream().anyMatch(e -> eventError.equals(e.getError())), "a " + eventError + " event");
        assertThat(events).filteredOn(e -> eventError.equals(e.getError()))
                .allSatisfy(e -> assertThat(e.getDetails().toString()).doesNotContain(user.phone().substring(1)));

        keycloak.awsFake().answerNormally();
        Page retried = signIn.send(phoneId, "sms");
        assertThat(retried.hasForm("pim-phone-otp-code")).as("a failed send does not start the cooldown").isTrue();
    }
}
