package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.pimaccess.keycloak.it.harness.LoginErrors;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** {@code sms-sender} = {@code aws-sns,http}: the webhook takes over when SNS fails, not when the number is bad. */
@PimKeycloakTest
class SenderFailoverIT {

    private PimKeycloak keycloak;
    private AutoCloseable snsThenWebhook;

    @BeforeEach
    void snsFirstThenTheWebhook(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        keycloak.awsFake().answerNormally();
        keycloak.webhookFake().answerNormally();
        snsThenWebhook = keycloak.phoneOtpSettings().change(Map.of("sms-sender", "aws-sns, http"));
    }

    @AfterEach
    void backToNormal() throws Exception {
        snsThenWebhook.close();
        keycloak.awsFake().answerNormally();
        keycloak.webhookFake().answerNormally();
    }

    @Test
    void whenSnsAnswers500TheCodeArrivesThroughTheWebhookAndSignInCompletes() {
        keycloak.awsFake().snsFailsWith500();
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page codePage = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(codePage.hasForm("pim-phone-otp-code")).as("the person sees one success").isTrue();
        assertThat(codePage.errors()).isBlank();
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);
        assertThat(keycloak.webhookFake().receivedFor(user.phone())).hasSize(1);
        String text = keycloak.webhookFake().receivedFor(user.phone()).get(0).json().path("text").asText();
        assertThat(signIn.code(SentCodes.fromSms(text)).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");

        EventRepresentation failover = LoginErrors.await(keycloak, user.id(), "phone_message_unavailable");
        assertThat(failover.getDetails())
                .containsEntry("phone_sender", "http")
                .containsEntry("phone_senders_failed", "aws-sns:phone_message_unavailable");

        String log = Poll.until(Duration.ofSeconds(60), () -> read(keycloak.serverLog()),
                all -> all.contains("userId=\"" + user.id() + "\"") && all.contains("phone_senders_failed"),
                "the server log to show this user's failover");
        assertThat(log).as("the server log").doesNotContain(user.phone().substring(1)).doesNotContain(SentCodes.fromSms(text));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNumberThatSnsRejectsIsNotTriedThroughTheWebhook() {
        keycloak.awsFake().snsRejectsTheNumber();
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(refused.errors()).contains("This phone number cannot receive our messages.");
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);
        assertThat(keycloak.webhookFake().received()).isEmpty();
        assertThat(LoginErrors.await(keycloak, user.id(), "phone_message_invalid_number").getDetails())
                .containsEntry("phone_senders_failed", "aws-sns:phone_message_invalid_number");
    }

    @Test
    void thePerUserCapCountsOneSendForEachCodeHoweverManySendersTried() throws Exception {
        keycloak.awsFake().snsFailsWith500();
        try (AutoCloseable capOfTwo = keycloak.phoneOtpSettings().change(Map.of(
                "user-send-cap", "2", "resend-cooldown-seconds", "0"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn first = new SignIn(keycloak.baseUrl());
            first.open("pim");
            assertThat(first.send(first.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms")
                    .hasForm("pim-phone-otp-code")).isTrue();
            assertThat(first.resend().text()).contains("A new code is on its way.");
            assertThat(keycloak.awsFake().sentTo(user.phone())).as("two attempts at SNS").hasSize(2);
            assertThat(keycloak.webhookFake().receivedFor(user.phone())).as("two codes delivered").hasSize(2);

            SignIn second = new SignIn(keycloak.baseUrl());
            second.open("pim");
            Page refused = second.send(second.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

            assertThat(refused.errors()).contains("Too many codes were sent recently.");
            assertThat(keycloak.webhookFake().receivedFor(user.phone())).hasSize(2);
        }
    }
}
