package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.LoginErrors;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.WebhookFake;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** Sender {@code http}, a signed webhook, against a WireMock receiver; its secret comes from the vault. */
@PimKeycloakTest
class HttpSenderIT {

    private PimKeycloak keycloak;
    private AutoCloseable webhookForSms;

    @BeforeEach
    void smsThroughTheWebhook(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        keycloak.webhookFake().answerNormally();
        webhookForSms = keycloak.phoneOtpSettings().change(Map.of("sms-sender", "http"));
    }

    @AfterEach
    void backToNormal() throws Exception {
        webhookForSms.close();
        keycloak.webhookFake().answerNormally();
    }

    @Test
    void theReceiverGetsTheDocumentedJsonSignedWithTheVaultSecretAndTheCodeSignsIn() {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Instant before = Instant.now();
        Page codePage = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(codePage.hasForm("pim-phone-otp-code")).isTrue();
        List<WebhookFake.Received> received = keycloak.webhookFake().receivedFor(user.phone());
        assertThat(received).hasSize(1);
        WebhookFake.Received post = received.get(0);
        JsonNode json = post.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("to", "text", "method", "messageId", "locale");
        assertThat(json.path("to").asText()).isEqualTo(user.phone());
        assertThat(json.path("method").asText()).isEqualTo("sms");
        assertThat(json.path("locale").asText()).isEqualTo("en");
        assertThat(UUID.fromString(json.path("messageId").asText())).isNotNull();
        assertThat(Long.parseLong(post.timestamp()))
                .isBetween(before.getEpochSecond() - 1, Instant.now().getEpochSecond() + 1);
        assertThat(post.authorization()).isEqualTo(WebhookFake.AUTHORIZATION);

        assertThat(post.messageId()).as("X-Pim-Message-Id").isEqualTo(json.path("messageId").asText());
        assertThat(post.signature()).isEqualTo(signature(WebhookFake.SECRET, post.timestamp(), post.messageId(), post.body()));
        assertThat(post.signature()).isNotEqualTo(signature("not-the-secret", post.timestamp(), post.messageId(), post.body()));
        assertThat(post.signature()).as("the timestamp is signed too").isNotEqualTo(signature(WebhookFake.SECRET,
                Long.toString(Long.parseLong(post.timestamp()) + 1), post.messageId(), post.body()));
        assertThat(post.signature()).as("the message id is signed too").isNotEqualTo(signature(WebhookFake.SECRET,
                post.timestamp(), UUID.randomUUID().toString(), post.body()));

        assertThat(signIn.code(SentCodes.fromSms(json.path("text").asText())).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void aWebhookAnswering429AsksThePersonToComeBackAfterItsRetryAfter() {
        keycloak.webhookFake().answerWith(429, Map.of("Retry-After", "42"));
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        String phoneId = signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0);

        Page throttled = signIn.send(phoneId, "sms");

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.errors()).contains("The messaging service is busy. Try again in 42 seconds");
        assertThat(LoginErrors.await(keycloak, user.id(), "phone_message_throttled").getDetails())
                .containsEntry("phone_senders_failed", "http:phone_message_throttled");
        keycloak.webhookFake().answerNormally();
        assertThat(signIn.send(phoneId, "sms").hasForm("pim-phone-otp-code")).as("the attempt was not burned").isTrue();
    }

    @Test
    void aWebhookAnswering400SaysTheNumberCannotReceiveMessages() {
        assertRefusal(400, "This phone number cannot receive our messages.", "phone_message_invalid_number");
    }

    @Test
    void aWebhookAnswering500SaysTheServiceIsNotAvailable() {
        assertRefusal(500, "The messaging service is not available.", "phone_message_unavailable");
    }

    @Test
    void aVoiceCodeNeverGoesToAWebhookThatCarriesOnlySms() throws Exception {
        try (AutoCloseable voiceToo = keycloak.phoneOtpSettings().change(Map.of("voice-sender", "http"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");

            Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "voice");

            assertThat(refused.errors()).contains("The messaging service is not available.");
            assertThat(keycloak.webhookFake().received()).isEmpty();
        }
    }

    private void assertRefusal(int status, String message, String eventError) {
        keycloak.webhookFake().answerWith(status, Map.of());
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.errors()).contains(message);
        assertThat(refused.hasForm("pim-phone-otp-select")).isTrue();
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(keycloak.webhookFake().receivedFor(user.phone())).hasSize(1);
        assertThat(LoginErrors.await(keycloak, user.id(), eventError).getDetails().toString())
                .doesNotContain(user.phone().substring(1));
    }

    /** What a receiver computes to check a request: the documented verification. */
    static String signature(String secret, String timestamp, String messageId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + messageId + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
