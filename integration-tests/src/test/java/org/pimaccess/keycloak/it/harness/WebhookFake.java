package org.pimaccess.keycloak.it.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The receiving side of sender {@code http}: a WireMock webhook that records each signed POST. The
 * server signs with {@link #SECRET}, which it reads from its vault, and sends {@link #AUTHORIZATION}.
 */
public final class WebhookFake {

    public static final String PATH = "/webhook";
    /** The HMAC secret, as stored in the test vault under {@link #VAULT_KEY}. */
    public static final String SECRET = "it-webhook-secret-4f1c";
    public static final String VAULT_KEY = "webhook-hmac-secret";
    public static final String AUTHORIZATION = "Bearer it-webhook-token";

    /** One POST as the gateway saw it. */
    public record Received(String timestamp, String messageId, String signature, String authorization, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String to() {
            return json().path("to").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    WebhookFake(WireMockServer server) {
        this.server = server;
        answerNormally();
    }

    /** Forget recorded requests and faults: every POST gets 202. */
    public void answerNormally() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}")));
    }

    /** Every POST gets this status and these headers. */
    public void answerWith(int status, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"status " + status + "\"}");
        headers.forEach(response::withHeader);
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(response));
    }

    /** Every POST is accepted, but only after this delay. */
    public void answerAfter(Duration delay) {
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(202)
                .withFixedDelay((int) delay.toMillis()).withBody("{\"accepted\":true}")));
    }

    public List<Received> received() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(WebhookFake::toReceived)
                .toList();
    }

    public List<Received> receivedFor(String phoneNumber) {
        return received().stream().filter(r -> phoneNumber.equals(r.to())).toList();
    }

    private static Received toReceived(LoggedRequest request) {
        return new Received(request.getHeader("X-Pim-Timestamp"), request.getHeader("X-Pim-Message-Id"),
                request.getHeader("X-Pim-Signature"),
                request.getHeader("Authorization"), request.getBodyAsString());
    }
}
