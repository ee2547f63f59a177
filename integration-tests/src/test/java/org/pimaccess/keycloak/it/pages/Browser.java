package org.pimaccess.keycloak.it.pages;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.jsoup.nodes.Element;
import org.pimaccess.keycloak.it.harness.Http;

/**
 * One browser profile at the HTTP level: a cookie jar, forms posted as a browser posts them, and
 * redirects followed until a page or the relying party's callback. Relying-party side, it runs the
 * OIDC authorization-code flow with PKCE.
 */
public final class Browser {

    public static final String CALLBACK = "http://127.0.0.1:9/callback";

    private final URI base;
    private final String realm;
    private final HttpClient http;
    private final CookieJar cookies = new CookieJar();
    private String codeVerifier;
    private Page current;
    private UnaryOperator<URI> route = UnaryOperator.identity();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Browser(URI base) {
        this(base, "pim");
    }

    /** A browser profile whose relying party uses this realm. */
    public Browser(URI base, String realm) {
        this.base = base;
        this.realm = realm;
        this.http = Http.builder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String realm() {
        return realm;
    }

    /** Closes and reopens the browser: its session cookies are gone, cookies with an expiry stay. */
    public void restart() {
        cookies.restart();
    }

    /** The cookies this browser holds for the server, by name. */
    public Map<String, String> cookies() {
        return cookies.cookies(base.getHost());
    }

    /** Puts a cookie into this browser by hand, as someone copying it from another browser would. */
    public void putCookie(String name, String value) {
        cookies.put(base.getHost(), name, value);
    }

    public Page current() {
        return current;
    }

    /**
     * Sends every following request, whatever address the page named, to this node (scheme, host and
     * port), as a load balancer in front of a cluster would. Cookies stay, as they belong to the host.
     */
    public void routeTo(URI node) {
        route = uri -> URI.create(node.getScheme() + "://" + node.getRawAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Sends this header with every following request, as a reverse proxy in front of Keycloak would add
     * {@code X-Forwarded-For}.
     */
    public void header(String name, String value) {
        headers.put(name, value);
    }

    /** The address a request to {@code uri} actually goes to. */
    public URI route(URI uri) {
        return route.apply(uri);
    }

    /** The relying party sends the user to sign in, optionally asking for an {@code acr_values}. */
    public Page openSignIn(String clientId, String acrValues) {
        return openSignIn(clientId, acrValues, Map.of());
    }

    /** As {@link #openSignIn(String, String)}, with more parameters such as {@code kc_action}. */
    public Page openSignIn(String clientId, String acrValues, Map<String, String> extra) {
        codeVerifier = Pkce.verifier();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("redirect_uri", CALLBACK);
        query.put("state", Pkce.random(8));
        query.put("nonce", Pkce.random(8));
        query.put("code_challenge", Pkce.challenge(codeVerifier));
        query.put("code_challenge_method", "S256");
        if (acrValues != null) {
            query.put("acr_values", acrValues);
        }
        query.putAll(extra);
        return get(base.resolve("/realms/" + realm + "/protocol/openid-connect/auth?" + form(query)));
    }

    public Page get(URI uri) {
        return follow(HttpRequest.newBuilder(route(uri)).GET());
    }

    /** Opens a link from a mail, following Keycloak's "perform the following action" confirmation where it shows. */
    public Page openMailedLink(String link) {
        Page page = get(URI.create(link));
        Element proceed = page.document().selectFirst("a[href*=action-token]");
        return proceed == null ? page : get(URI.create(proceed.absUrl("href")));
    }

    /** Reloads the current page, as F5 does after a POST-redirect-GET. */
    public Page refresh() {
        return get(current.uri());
    }

    /** Fills in the form with this id and presses the submit button with this name (or none). */
    public Page submit(String formId, Map<String, String> fields, String button) {
        Element form = current.document().getElementById(formId);
        if (form == null) {
            throw new IllegalStateException("No form '" + formId + "' on " + current.uri() + ":\n" + current.text());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (("radio".equals(type) || "checkbox".equals(type)) && !input.hasAttr("checked")) {
                continue;
            }
            values.put(input.attr("name"), input.val());
        }
        values.putAll(fields);
        if (button != null) {
            values.put(button, "");
        }
        return post(URI.create(form.absUrl("action")), values);
    }

    /** Presses the submit button with this name, in whichever form holds it. */
    public Page press(String button) {
        Element pressed = current.document().selectFirst("button[name=" + button + "]");
        if (pressed == null || pressed.closest("form") == null) {
            throw new IllegalStateException("No button '" + button + "' on " + current.uri() + ":\n" + current.text());
        }
        Element form = pressed.closest("form");
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            values.put(input.attr("name"), input.val());
        }
        values.put(button, "");
        return post(URI.create(form.absUrl("action")), values);
    }

    public Page post(URI uri, Map<String, String> values) {
        return follow(HttpRequest.newBuilder(route(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(values))));
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    private Page follow(HttpRequest.Builder request) {
        try {
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
                URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                if (location.toString().startsWith(CALLBACK)) {
                    current = new Page(location, response.statusCode(), "", queryParam(location, "code"));
                    return current;
                }
                HttpRequest.Builder next = HttpRequest.newBuilder(route(location)).GET().timeout(Duration.ofSeconds(90));
                headers.forEach(next::header);
                response = http.send(next.build(), HttpResponse.BodyHandlers.ofString());
            }
            current = new Page(response.uri(), response.statusCode(), response.body(), null);
            return current;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
