package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;

/** The home dashboard's JSON over real HTTP, as the page calls it. */
public final class HomeApi {

    private static final HttpClient HTTP = Http.client();

    private final URI base;

    public HomeApi(PimKeycloak keycloak) {
        this.base = keycloak.baseUrl().resolve("/realms/" + PimKeycloak.REALM + "/pim-home/");
    }

    /** {@code GET api/me}; {@code authorization} is the whole header value, or null for none. */
    public Answer me(String authorization) {
        return get("api/me", authorization, null);
    }

    /** {@code DELETE path} with this whole Authorization header value. */
    public Answer delete(String path, String authorization) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90)).DELETE()
                .header("Accept", "application/json").header("Authorization", authorization));
    }

    public Answer get(String path, String authorization, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90)).GET()
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return send(request);
    }

    private static Answer send(HttpRequest.Builder request) {
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
