package org.pimaccess.keycloak.it.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** A local stand-in for Twilio's REST API (Messages and Calls), answering as Twilio does. */
public final class TwilioFake {

    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "it-twilio-auth-token";
    public static final String FROM = "+15005550006";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    public static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";

    /** One API call: which resource, its form fields and its Authorization header. */
    public record Received(String path, Map<String, String> form, String authorization) {
        public String to() {
            return form.get("To");
        }
    }

    private final WireMockServer server;

    TwilioFake(WireMockServer server) {
        this.server = server;
        answerNormally();
    }

    /** Forget recorded requests and faults: messages and calls are created (201). */
    public void answerNormally() {
        server.resetAll();
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json")).atPriority(10)
                .willReturn(created("SM")));
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Calls\\.json")).atPriority(10)
                .willReturn(created("CA")));
    }

    /** Both APIs answer with Twilio's error body: {@code {"code", "message", "more_info", "status"}}. */
    public void failWith(int status, int code, String message) {
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/(Messages|Calls)\\.json")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": " + code + ", \"message\": \"" + message
                                + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code
                                + "\", \"status\": " + status + "}")));
    }

    public List<Received> received() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(TwilioFake::toReceived)
                .toList();
    }

    public List<Received> receivedFor(String phoneNumber) {
        return received().stream().filter(r -> phoneNumber.equals(r.to())).toList();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sidPrefix) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sidPrefix + UUID.randomUUID().toString().replace("-", "")
                        + "\", \"status\": \"queued\"}");
    }

    private static Received toReceived(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Received(request.getUrl(), form, request.getHeader("Authorization"));
    }
}
