package org.pimaccess.keycloak.sender.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.VaultSecrets;

/**
 * SMS through Programmable Messaging ({@code Messages.json}, from a number or a Messaging Service),
 * voice through the Calls API ({@code Calls.json}) with inline TwiML; both form-encoded with HTTP
 * Basic auth of account SID and auth token, as Twilio's REST API takes them.
 */
class TwilioSender implements PhoneMessageSender {

    /** What the factory read; the auth token still unresolved (it may name a vault entry). */
    record Options(URI endpoint, String accountSid, String authToken, String from, String messagingServiceSid) {
    }

    private final KeycloakSession session;
    private final HttpGateway gateway;
    private final Options options;
    private final Clock clock;

    TwilioSender(KeycloakSession session, HttpGateway gateway, Options options, Clock clock) {
        this.session = session;
        this.gateway = gateway;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        String token = VaultSecrets.resolve(session, TwilioSenderFactory.AUTH_TOKEN, options.authToken());
        if (blank(options.accountSid()) || token == null) {
            throw new PhoneMessageSendException(Reason.UNAVAILABLE, "the twilio sender needs '"
                    + TwilioSenderFactory.ACCOUNT_SID + "' and '" + TwilioSenderFactory.AUTH_TOKEN + "'");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.phoneNumber());
        String operation;
        String resource;
        if (message.method() == DeliveryMethod.SMS) {
            operation = "Twilio Messages";
            resource = "Messages.json";
            if (!blank(options.messagingServiceSid())) {
                form.put("MessagingServiceSid", options.messagingServiceSid());
            } else if (!blank(options.from())) {
                form.put("From", options.from());
            } else {
                throw new PhoneMessageSendException(Reason.UNAVAILABLE, "the twilio sender needs '"
                        + TwilioSenderFactory.FROM + "' or '" + TwilioSenderFactory.MESSAGING_SERVICE_SID + "' for SMS");
            }
            form.put("Body", message.text());
        } else {
            operation = "Twilio Calls";
            resource = "Calls.json";
            if (blank(options.from())) {
                throw new PhoneMessageSendException(Reason.UNAVAILABLE,
                        "the twilio sender needs '" + TwilioSenderFactory.FROM + "' for voice calls");
            }
            form.put("From", options.from());
            form.put("Twiml", VoiceTwiml.of(message.text(), message.code(), message.locale()));
        }
        URI uri = options.endpoint().resolve("/2010-04-01/Accounts/"
                + URLEncoder.encode(options.accountSid(), StandardCharsets.UTF_8) + "/" + resource);
        String credentials = Base64.getEncoder().encodeToString(
                (options.accountSid() + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formOf(form))), operation);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return sidOf(response.body());
        }
        throw TwilioErrors.classify(operation, response, clock);
    }

    private static String formOf(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The message or call SID, for correlation in logs; the send stands even if the body is odd. */
    private static String sidOf(String body) {
        try {
            return JsonSerialization.readValue(body, JsonNode.class).path("sid").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
