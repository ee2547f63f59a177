package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;

/** The realm admin's phone API, {@code /admin/realms/pim/pim-phones/}, over real HTTP. */
public final class PimPhonesApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = Http.client();

    private final PimKeycloak keycloak;
    private final URI base;

    public PimPhonesApi(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        this.base = keycloak.baseUrl().resolve("/admin/realms/" + PimKeycloak.REALM + "/pim-phones/");
    }

    /** An access token of the server's bootstrap admin (master realm), who holds every admin role. */
    public String serverAdminToken() {
        return keycloak.admin().tokenManager().getAccessTokenString();
    }

    public Answer get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Answer delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    /** {@code body} as JSON; a String is sent as it is. */
    public Answer post(String path, String token, Object body) {
        try {
            return call("POST", path, token, body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
