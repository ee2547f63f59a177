package org.pimaccess.keycloak.home;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;

/**
 * The files of the home page, {@code /realms/{realm}/pim-home/}: a few static files in the JAR, named
 * here, so nothing else of the class path can be asked for. {@code register} is the same page, which
 * then starts the registration of a person and their organization.
 */
final class HomePage {

    private static final String FOLDER = "/pim-home-ui/";
    private static final Map<String, String> FILES = Map.of(
            "", "index.html",
            "index.html", "index.html",
            "register", "index.html",
            "app.js", "app.js",
            "app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    /** Everything from this origin only; no inline script or style, no framing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private HomePage() {
    }

    static Response file(KeycloakSession session, String requested) {
        String name = FILES.get(requested);
        if (name == null) {
            throw HomeErrors.notFound("No such file of the home page.");
        }
        try (InputStream in = HomePage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw HomeErrors.notFound("No such file of the home page.");
            }
            CacheControl cache = new CacheControl();
            cache.setNoCache(true);
            Response.ResponseBuilder response = Response.ok(in.readAllBytes())
                    .type(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                    .cacheControl(cache);
            if (name.endsWith(".html")) {
                securityHeaders(session, response);
            }
            return response.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The realm's browser security headers, but this page's own, stricter Content-Security-Policy:
     * Keycloak's filter would replace it with the realm's (made for its login pages), so the page tells
     * the filter to stay out and sets the realm's other headers itself.
     */
    private static void securityHeaders(KeycloakSession session, Response.ResponseBuilder response) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        Map<String, String> realmValues = session.getContext().getRealm().getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders header : BrowserSecurityHeaders.values()) {
            String value = realmValues.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty() && header != BrowserSecurityHeaders.CONTENT_SECURITY_POLICY
                    && header != BrowserSecurityHeaders.CONTENT_SECURITY_POLICY_REPORT_ONLY) {
                response.header(header.getHeaderName(), value);
            }
        }
        response.header(BrowserSecurityHeaders.CONTENT_SECURITY_POLICY.getHeaderName(), CONTENT_SECURITY_POLICY);
    }
}
