package org.pimaccess.keycloak.organization.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The files of the org-admin web page, {@code /realms/{realm}/pim-org-admin/ui/}: a few static files in
 * the JAR, named here, so nothing else of the class path can be asked for. Each is served with a strict
 * Content-Security-Policy: scripts, styles and requests from this origin only, no inline script, no
 * framing, no plugins. Keycloak's own security headers would replace that policy with the realm's
 * looser one, so they are skipped for these responses and their other headers set here.
 */
final class OrgAdminPage {

    private static final String FOLDER = "/pim-org-admin-ui/";
    private static final Map<String, String> FILES = Map.of(
            "", "index.html",
            "index.html", "index.html",
            "app.js", "app.js",
            "phones.js", "phones.js",
            "governance.js", "governance.js",
            "app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private OrgAdminPage() {
    }

    static Response file(KeycloakSession session, String requested) {
        String name = FILES.get(requested);
        if (name == null) {
            throw ApiErrors.notFound("not_found", "No such file of the org-admin page.");
        }
        try (InputStream in = OrgAdminPage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw ApiErrors.notFound("not_found", "No such file of the org-admin page.");
            }
            session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
            CacheControl cache = new CacheControl();
            cache.setNoCache(true);
            return Response.ok(in.readAllBytes())
                    .type(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                    .cacheControl(cache)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("X-Robots-Tag", "none")
                    .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
