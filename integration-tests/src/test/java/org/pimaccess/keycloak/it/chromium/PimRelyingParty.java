package org.pimaccess.keycloak.it.chromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.FreePorts;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Pkce;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * "PIM" for the browser journeys: a tiny relying party on loopback that runs the authorization-code
 * flow with PKCE for client {@code pim} and shows the user, their organizations with their roles in
 * each (the token's {@code organization} claim), and the {@code acr}. {@code /} shows the session (or a sign-in link), {@code /login} starts a sign-in,
 * {@code /callback} finishes it, {@code /logout} signs out at Keycloak.
 */
public final class PimRelyingParty implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI keycloak;
    private final HttpClient http = Http.client();
    /** Per browser (cookie {@code rp}): the PKCE verifier of a running sign-in, then the tokens. */
    private final Map<String, String> verifiers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();

    private PimRelyingParty(HttpServer server, URI keycloak) {
        this.server = server;
        this.keycloak = keycloak;
    }

    /** Starts on a free port; client {@code pim} accepts exactly its callback and its page after sign-out. */
    public static PimRelyingParty start(PimKeycloak keycloak) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 0);
            PimRelyingParty rp = new PimRelyingParty(server, keycloak.baseUrl());
            Clients.pimAccepts(keycloak, rp.url("/callback"), rp.url("/"));
            server.createContext("/", rp::handle);
            server.start();
            return rp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String browser = browserOf(exchange);
            switch (exchange.getRequestURI().getPath()) {
                case "/login" -> login(exchange, browser);
                case "/callback" -> callback(exchange, browser);
                case "/logout" -> logout(exchange, browser);
                default -> home(exchange, browser);
            }
        } catch (RuntimeException e) {
            page(exchange, 500, "<p id=\"rp-error\">" + escape(e.getMessage()) + "</p>");
        } finally {
            exchange.close();
        }
    }

    private void login(HttpExchange exchange, String browser) throws IOException {
        String verifier = Pkce.verifier();
        verifiers.put(browser, verifier);
        redirect(exchange, keycloak.resolve("/realms/pim/protocol/openid-connect/auth") + "?client_id=pim&response_type=code"
                + "&scope=openid&state=s&redirect_uri=" + encode(url("/callback"))
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(verifier));
    }

    private void callback(HttpExchange exchange, String browser) throws IOException {
        String code = query(exchange.getRequestURI(), "code");
        String form = "grant_type=authorization_code&client_id=pim&client_secret=" + SignIn.PIM_SECRET
                + "&code=" + encode(code) + "&redirect_uri=" + encode(url("/callback"))
                + "&code_verifier=" + encode(verifiers.remove(browser));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    keycloak.resolve("/realms/pim/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            sessions.put(browser, JSON.readValue(response.body(), new TypeReference<>() { }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        redirect(exchange, url("/"));
    }

    private void logout(HttpExchange exchange, String browser) throws IOException {
        Map<String, Object> tokens = sessions.remove(browser);
        String hint = tokens == null ? "" : "&id_token_hint=" + tokens.get("id_token");
        redirect(exchange, keycloak.resolve("/realms/pim/protocol/openid-connect/logout") + "?client_id=pim"
                + "&post_logout_redirect_uri=" + encode(url("/")) + hint);
    }

    private void home(HttpExchange exchange, String browser) throws IOException {
        Map<String, Object> tokens = sessions.get(browser);
        if (tokens == null) {
            page(exchange, 200, "<h1>PIM</h1><p><a id=\"rp-login\" href=\"/login\">Sign in</a></p>");
            return;
        }
        Map<String, Object> id = Tokens.claims((String) tokens.get("id_token"));
        Map<String, Object> access = Tokens.claims((String) tokens.get("access_token"));
        Map<?, ?> organizations = access.get("organization") instanceof Map<?, ?> byAlias ? byAlias : Map.of();
        StringBuilder roles = new StringBuilder("<ul>");
        organizations.forEach((alias, organization) -> roles.append("<li data-organization=\"").append(escape(String.valueOf(alias)))
                .append("\">").append(escape(alias + ": " + ((Map<?, ?>) organization).get("roles"))).append("</li>"));
        roles.append("</ul>");
        page(exchange, 200, "<h1>PIM</h1><dl>"
                + "<dt>User</dt><dd id=\"rp-user\">" + escape(String.valueOf(id.get("preferred_username"))) + "</dd>"
                + "<dt>Organizations</dt><dd id=\"rp-organization\">" + escape(String.join(", ",
                        organizations.keySet().stream().map(String::valueOf).toList())) + "</dd>"
                + "<dt>Roles per organization</dt><dd id=\"rp-roles\">" + roles + "</dd>"
                + "<dt>acr</dt><dd id=\"rp-acr\">" + escape(String.valueOf(id.get("acr"))) + "</dd>"
                + "</dl><p><a id=\"rp-logout\" href=\"/logout\">Sign out</a></p>");
    }

    private static String browserOf(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String cookie : cookies.split(";\\s*")) {
                if (cookie.startsWith("rp=")) {
                    return cookie.substring(3);
                }
            }
        }
        String id = Pkce.random(12);
        exchange.getResponseHeaders().add("Set-Cookie", "rp=" + id + "; Path=/; HttpOnly");
        return id;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PIM</title></head><body>"
                + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, html.length);
        exchange.getResponseBody().write(html);
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("No " + name + " in " + uri);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
