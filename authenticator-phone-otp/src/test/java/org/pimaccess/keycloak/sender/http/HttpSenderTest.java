package org.pimaccess.keycloak.sender.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.FakeSessions;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import org.pimaccess.keycloak.sender.RecordingGateway;

class HttpSenderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final PhoneMessage VOICE = new PhoneMessage("+4915112345678", DeliveryMethod.VOICE,
            "Ihr Code ist 123456. \"Noch einmal\": 123456.", "123456", Locale.GERMAN);

    private RecordingGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new RecordingGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpSender sender(String hmacSecret, String template, Map<String, String> vault) {
        return new HttpSender(FakeSessions.withVault(vault), new HttpGateway(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                new HttpSender.Options(gateway.uri("/hook"), hmacSecret, null, new WebhookBody(template)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aBodyTemplateGivesTheGatewayItsOwnShapeWithJsonEscapedValues() throws Exception {
        String template = "{\"recipient\":\"{{to}}\",\"message\":{\"body\":\"{{text}}\",\"pin\":\"{{code}}\"},"
                + "\"kind\":\"{{method}}\",\"lang\":\"{{locale}}\",\"ref\":\"{{messageId}}\",\"keep\":\"{{other}}\"}";

        String messageId = sender("s3cret", template, Map.of()).send(VOICE);

        RecordingGateway.Request request = gateway.requests().get(0);
        JsonNode json = JsonSerialization.readValue(request.body(), JsonNode.class);
        assertThat(json.path("recipient").asText()).isEqualTo("+4915112345678");
        assertThat(json.path("message").path("body").asText()).isEqualTo(VOICE.text());
        assertThat(json.path("message").path("pin").asText()).isEqualTo("123456");
        assertThat(json.path("kind").asText()).isEqualTo("voice");
        assertThat(json.path("lang").asText()).isEqualTo("de");
        assertThat(json.path("ref").asText()).isEqualTo(messageId);
        assertThat(json.path("keep").asText()).as("unknown placeholders stay as they are").isEqualTo("{{other}}");
        assertThat(request.header("X-Pim-Message-Id")).as("also when the template leaves it out").isEqualTo(messageId);
        assertThat(request.header("X-Pim-Signature"))
                .isEqualTo(WebhookSignature.of("s3cret", Long.toString(NOW.getEpochSecond()), messageId, request.body()));
    }

    @Test
    void theSecretIsReadFromTheVaultOnEachSend() throws Exception {
        sender("${vault.hook}", null, Map.of("hook", "from-the-vault")).send(VOICE);

        RecordingGateway.Request request = gateway.requests().get(0);
        assertThat(request.header("X-Pim-Timestamp")).isEqualTo("1795946400");
        assertThat(request.header("X-Pim-Signature")).isEqualTo(WebhookSignature.of("from-the-vault", "1795946400",
                request.header("X-Pim-Message-Id"), request.body()));
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void aVaultEntryThatDoesNotExistSendsNothing() {
        assertThatThrownBy(() -> sender("${vault.missing}", null, Map.of()).send(VOICE))
                .isInstanceOfSatisfying(PhoneMessageSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void aRetryAfterDateBecomesTheSecondsToWait() {
        gateway.answer(429, "{}", Map.of("Retry-After", "Sun, 29 Nov 2026 10:01:30 GMT"));

        assertThatThrownBy(() -> sender("s3cret", null, Map.of()).send(VOICE))
                .isInstanceOfSatisfying(PhoneMessageSendException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
                });
    }

    @Test
    void statusesMapToReasonsAndTheAnswerBodyNeverReachesTheMessage() {
        Map<Integer, Reason> expected = Map.of(400, Reason.INVALID_NUMBER, 404, Reason.INVALID_NUMBER,
                422, Reason.INVALID_NUMBER, 401, Reason.UNAVAILABLE, 500, Reason.UNAVAILABLE, 503, Reason.UNAVAILABLE);
        expected.forEach((status, reason) -> {
            gateway.answer(status, "{\"echo\":\"+4915112345678\"}", Map.of());
            assertThatThrownBy(() -> sender("s3cret", null, Map.of()).send(VOICE))
                    .isInstanceOfSatisfying(PhoneMessageSendException.class, e -> {
                        assertThat(e.reason()).as("HTTP " + status).isEqualTo(reason);
                        assertThat(e.getMessage()).doesNotContain("4915112345678");
                    });
        });
    }

    @Test
    void theUrlMustBeHttpsExceptALoopbackAddressUnderStartDev() {
        assertThat(HttpSenderFactory.urlOf("https://gateway.example/hook", false)).hasToString("https://gateway.example/hook");
        for (String loopback : List.of("http://127.0.0.1:8089/hook", "http://localhost/hook", "http://[::1]:80/hook")) {
            assertThat(HttpSenderFactory.urlOf(loopback, true)).as(loopback).isNotNull();
            assertThat(HttpSenderFactory.urlOf(loopback, false)).as(loopback + " outside development").isNull();
        }
        for (String refused : List.of("http://gateway.example/hook", "http://10.0.0.7/hook", "http://127.0.0.1.example/hook",
                "ftp://gateway.example/hook", "gateway.example/hook", "https:///nohost")) {
            assertThat(HttpSenderFactory.urlOf(refused, true)).as(refused).isNull();
        }
    }

    @Test
    void theMethodsOptionSaysWhichMethodsTheGatewayCarries() {
        assertThat(HttpSenderFactory.methodsOf(null)).containsExactly(DeliveryMethod.SMS);
        assertThat(HttpSenderFactory.methodsOf("voice")).containsExactly(DeliveryMethod.VOICE);
        assertThat(HttpSenderFactory.methodsOf(" sms, voice ")).containsExactlyInAnyOrder(DeliveryMethod.SMS, DeliveryMethod.VOICE);
        assertThat(HttpSenderFactory.methodsOf("sms,fax")).containsExactly(DeliveryMethod.SMS);
    }
}
