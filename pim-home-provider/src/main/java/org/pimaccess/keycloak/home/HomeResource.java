package org.pimaccess.keycloak.home;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.pimaccess.keycloak.home.Views.Me;
import org.pimaccess.keycloak.page.PageTexts;

/**
 * {@code /realms/{realm}/pim-home}: the home page's files and its JSON. {@code api/me} needs a bearer
 * access token of the home client (401 without a valid one, 403 for another client's);
 * {@code api/messages} is public, as the page needs its texts before anyone signed in.
 */
public class HomeResource {

    private final KeycloakSession session;
    private final String homeClientId;
    private final String rolesClientId;

    HomeResource(KeycloakSession session, String homeClientId, String rolesClientId) {
        this.session = session;
        this.homeClientId = homeClientId;
        this.rolesClientId = rolesClientId;
    }

    /** The page itself; without the trailing slash its relative links would miss, so it redirects there. */
    @GET
    @Produces(MediaType.WILDCARD)
    public Response index() {
        URI requested = session.getContext().getUri().getRequestUri();
        if (!requested.getRawPath().endsWith("/")) {
            return Response.seeOther(URI.create(requested.getRawPath() + "/")).build();
        }
        return HomePage.file(session, "");
    }

    @GET
    @Path("{file}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("file") String file) {
        return HomePage.file(session, file);
    }

    @GET
    @Path("api/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me() {
        Me me = new Dashboard(session, rolesClientId).of(HomeCaller.of(session, homeClientId));
        return Response.ok(me).cacheControl(noStore()).build();
    }

    @GET
    @Path("api/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messages(@QueryParam("locale") String locale) {
        return Response.ok(PageTexts.of(session, "/pim-home-ui/messages", locale)).build();
    }

    @GET
    @Path("api/{other: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unknown() {
        throw HomeErrors.notFound("No such call. The home API has GET api/me and GET api/messages.");
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
