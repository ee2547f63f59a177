package org.pimaccess.keycloak.sender.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.FakeSessions;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import org.pimaccess.keycloak.sender.RecordingGateway;

class TwilioSenderTest {

    private static final PhoneMessage SMS =
            new PhoneMessage("+33612345678", DeliveryMethod.SMS, "Votre code est 123456", "123456", Locale.FRENCH);
    private static final PhoneMessage VOICE =
            new PhoneMessage("+33612345678", DeliveryMethod.VOICE, "Code 123456. Encore : 123456.", "123456", Locale.FRENCH);

    private RecordingGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new RecordingGateway();
        gateway.answer(201, "{\"sid\":\"SM123\"}", Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private TwilioSender sender(String from, String messagingServiceSid) {
        return new TwilioSender(FakeSessions.withVault(Map.of("twilio", "vault-token")),
                new HttpGateway(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                new TwilioSender.Options(gateway.uri(""), "AC1", "${vault.twilio}", from, messagingServiceSid),
                Clock.systemUTC());
    }

    @Test
    void aMessagingServiceTakesPrecedenceOverTheFromNumberForSms() throws Exception {
        assertThat(sender("+15005550006", "MG9").send(SMS)).isEqualTo("SM123");

        RecordingGateway.Request request = gateway.requests().get(0);
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC1/Messages.json");
        assertThat(form(request.body())).containsExactly(Map.entry("To", "+33612345678"),
                Map.entry("MessagingServiceSid", "MG9"), Map.entry("Body", "Votre code est 123456"));
        assertThat(request.header("Authorization")).as("the auth token came from the vault")
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("AC1:vault-token".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCallSpeaksTheCodeDigitByDigitInThePersonsLanguage() throws Exception {
        sender("+15005550006", "MG9").send(VOICE);

        Map<String, String> form = form(gateway.requests().get(0).body());
        assertThat(gateway.requests().get(0).path()).isEqualTo("/2010-04-01/Accounts/AC1/Calls.json");
        assertThat(form.get("From")).isEqualTo("+15005550006");
        assertThat(form.get("Twiml")).isEqualTo("<Response><Say language=\"fr-FR\">Code 1, 2, 3, 4, 5, 6. "
                + "Encore : 1, 2, 3, 4, 5, 6.</Say></Response>");
    }

    @Test
    void withoutAFromNumberACallIsNotPlaced() {
        assertThatThrownBy(() -> sender(null, "MG9").send(VOICE))
                .isInstanceOfSatisfying(PhoneMessageSendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void twilioErrorCodesAndStatusesMapToReasons() {
        Map<String, Reason> expected = new LinkedHashMap<>();
        expected.put("400:21211", Reason.INVALID_NUMBER);
        expected.put("400:21614", Reason.INVALID_NUMBER);
        expected.put("400:21610", Reason.OPTED_OUT);
        expected.put("400:20429", Reason.THROTTLED);
        expected.put("429:20429", Reason.THROTTLED);
        expected.put("401:20003", Reason.UNAVAILABLE);
        expected.put("500:21211", Reason.UNAVAILABLE);
        expected.forEach((answer, reason) -> {
            String[] parts = answer.split(":");
            gateway.answer(Integer.parseInt(parts[0]), "{\"code\": " + parts[1] + ", \"message\": \"The 'To' number "
                    + "+33612345678 is not valid\", \"status\": " + parts[0] + "}", Map.of());
            assertThatThrownBy(() -> sender("+15005550006", null).send(SMS))
                    .isInstanceOfSatisfying(PhoneMessageSendException.class, e -> {
                        assertThat(e.reason()).as(answer).isEqualTo(reason);
                        assertThat(e.getMessage()).doesNotContain("33612345678");
                    });
        });
    }

    @Test
    void languagesWithoutARegionGetTheUsualOne() {
        assertThat(VoiceTwiml.language(Locale.ENGLISH)).isEqualTo("en-US");
        assertThat(VoiceTwiml.language(Locale.GERMAN)).isEqualTo("de-DE");
        assertThat(VoiceTwiml.language(Locale.forLanguageTag("en-GB"))).isEqualTo("en-GB");
        assertThat(VoiceTwiml.language(Locale.forLanguageTag("fi"))).isEqualTo("fi");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
