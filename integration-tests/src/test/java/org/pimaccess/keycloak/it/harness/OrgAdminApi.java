package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The org-admin REST API over real HTTP, as an application calls it. */
public final class OrgAdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = Http.client();

    public record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** A response header's first value, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final Duration timeout;
    private final Map<String, String> headers;

    public OrgAdminApi(PimKeycloak keycloak) {
        this(keycloak.baseUrl());
    }

    /** The API of realm {@code pim} on the Keycloak at this address (for example a container's). */
    public OrgAdminApi(URI keycloakBase) {
        this(keycloakBase.resolve("/realms/" + PimKeycloak.REALM + "/pim-org-admin/"), Duration.ofSeconds(90), Map.of());
    }

    private OrgAdminApi(URI base, Duration timeout, Map<String, String> headers) {
        this.base = base;
        this.timeout = timeout;
        this.headers = headers;
    }

    /** The same API, waiting this long for each answer (30 s otherwise). */
    public OrgAdminApi waitingUpTo(Duration answer) {
        return new OrgAdminApi(base, answer, headers);
    }

    /** The same API, sending this header with every request, as a proxy in front of Keycloak would. */
    public OrgAdminApi withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OrgAdminApi(base, timeout, Map.copyOf(more));
    }

    public Answer get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    public Answer delete(String path, String token) {
        return call("DELETE", path, token, null, null);
    }

    public Answer post(String path, String token, Object body) {
        return call("POST", path, token, "application/json", json(body));
    }

    public Answer put(String path, String token, Object body) {
        return call("PUT", path, token, "application/json", json(body));
    }

    /** Any request; {@code token} and {@code contentType} may be null. */
    public Answer call(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
