package org.pimaccess.keycloak.it.harness;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The tests' HTTP clients speak HTTP/1.1, as browsers do to a plain-http server. Java's client would
 * otherwise ask for an upgrade to cleartext HTTP/2 (h2c), which Keycloak grants: a path no browser
 * takes, on which one request in a container test hung past its 90 s timeout and stopped the suite.
 */
public final class Http {

    private Http() {
    }

    /** HTTP/1.1 and a 5 s connect timeout; add what the test needs (cookies, redirects). */
    public static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
    }

    public static HttpClient client() {
        return builder().build();
    }
}
