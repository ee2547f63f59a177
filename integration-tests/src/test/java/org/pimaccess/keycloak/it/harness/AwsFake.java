package org.pimaccess.keycloak.it.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A local stand-in for Amazon SNS and AWS End User Messaging. The real AWS SDK inside Keycloak talks
 * to it; it answers at once and records every request, so tests read codes from what was sent.
 */
public final class AwsFake {

    /** One message as the SDK sent it. */
    public record Sent(String api, String phoneNumber, String body) {
    }

    public static final String SNS_PUBLISH = "SNS.Publish";
    public static final String SEND_TEXT = "PinpointSMSVoiceV2.SendTextMessage";
    public static final String SEND_VOICE = "PinpointSMSVoiceV2.SendVoiceMessage";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    AwsFake(WireMockServer server) {
        this.server = server;
        answerNormally();
    }

    /** Forget recorded requests and fault stubs: every API accepts every message again. */
    public void answerNormally() {
        server.resetAll();
        server.stubFor(sns().atPriority(10).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody(publishResponse())));
        for (String target : List.of(SEND_TEXT, SEND_VOICE)) {
            server.stubFor(eum(target).atPriority(10).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"" + UUID.randomUUID() + "\"}")));
        }
    }

    /** Forgets the messages received so far (the stubs stay): {@link #sentTo} then reads only what came after. */
    public void forgetSent() {
        server.resetRequests();
    }

    /** SNS answers as it does when the account's SMS rate is exceeded. */
    public void snsThrottles() {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody(snsError("Throttling", "Rate exceeded"))));
    }

    public void snsFailsWith500() {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml")
                .withBody(snsError("InternalError", "We encountered an internal error. Please try again."))));
    }

    /** SNS refuses because the account's SMS spending limit is reached. */
    public void snsRefusesOverTheSpendLimit() {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                .withBody(snsError("AuthorizationError", "Monthly SMS spend limit reached for this account"))));
    }

    /** SNS refuses the caller (4xx): nothing went out. */
    public void snsRefusesTheCredentials() {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                .withBody(snsError("InvalidClientTokenId", "The security token included in the request is invalid"))));
    }

    /** SNS refuses the number, as it does for one that is not a valid E.164 mobile number. */
    public void snsRejectsTheNumber() {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody(snsError("InvalidParameter", "Invalid parameter: PhoneNumber Reason: not a valid phone number"))));
    }

    public void snsAnswersAfter(Duration delay) {
        server.stubFor(sns().atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withFixedDelay((int) delay.toMillis()).withBody(publishResponse())));
    }

    public List<Sent> sent() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(AwsFake::toSent)
                .toList();
    }

    public List<Sent> sentTo(String phoneNumber) {
        return sent().stream().filter(sent -> phoneNumber.equals(sent.phoneNumber())).toList();
    }

    private static Sent toSent(LoggedRequest request) {
        String target = request.getHeader("X-Amz-Target");
        if (target == null) {
            Map<String, String> form = formOf(request.getBodyAsString());
            return new Sent(SNS_PUBLISH, form.get("PhoneNumber"), form.get("Message"));
        }
        try {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            return new Sent(target, body.path("DestinationPhoneNumber").asText(null), body.path("MessageBody").asText(null));
        } catch (IOException e) {
            return new Sent(target, null, request.getBodyAsString());
        }
    }

    private static Map<String, String> formOf(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static MappingBuilder sns() {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"));
    }

    private static MappingBuilder eum(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    private static String publishResponse() {
        return "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                + UUID.randomUUID() + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID() + "</RequestId></ResponseMetadata></PublishResponse>";
    }

    private static String snsError(String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }
}
