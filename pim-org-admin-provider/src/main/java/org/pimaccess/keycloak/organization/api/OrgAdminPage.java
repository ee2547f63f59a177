package org.pimaccess.keycloak.organization.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/**
 * The files of the org-admin web page, {@code /realms/{realm}/pim-org-admin/ui/}: a few static files in
 * the JAR, named here, so nothing else of the class path can be asked for.
 */
final class OrgAdminPage {

    private static final String FOLDER = "/pim-org-admin-ui/";
    private static final Map<String, String> FILES = Map.of(
            "", "index.html",
            "index.html", "index.html",
            "app.js", "app.js",
            "phones.js", "phones.js",
            "app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private OrgAdminPage() {
    }

    static Response file(String requested) {
        String name = FILES.get(requested);
        if (name == null) {
            throw ApiErrors.notFound("not_found", "No such file of the org-admin page.");
        }
        try (InputStream in = OrgAdminPage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw ApiErrors.notFound("not_found", "No such file of the org-admin page.");
            }
            CacheControl cache = new CacheControl();
            cache.setNoCache(true);
            return Response.ok(in.readAllBytes())
                    .type(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                    .cacheControl(cache)
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
