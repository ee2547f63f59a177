package org.pimaccess.keycloak.home;

import java.net.URI;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.home.Views.Me;
import org.pimaccess.keycloak.page.PageTexts;
import org.pimaccess.keycloak.trust.TrustedBrowser;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * {@code /realms/{realm}/pim-home}: the home page's files and its JSON. {@code api/me} needs a bearer
 * access token of the home client (401 without a valid one, 403 for another client's);
 * {@code DELETE api/trusted-browsers} and {@code DELETE api/trusted-browsers/{id}} forget the caller's trusted browsers
 * (at phone OTP); {@code api/messages} is public, as the page needs its texts before anyone signed in.
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

    /**
     * Forget one trusted browser of the caller, which also ends the sessions it signed in (but this one): 204, or 404
     * when they have none with this id.
     */
    @DELETE
    @Path("api/trusted-browsers/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgetBrowser(@PathParam("id") String id) {
        HomeCaller caller = atPhoneOtp();
        UserModel user = caller.user();
        if (id.length() > 64 || !TrustedBrowsers.forget(session, session.getContext().getRealm(), user, id,
                caller.token().getSessionId())) {
            throw HomeErrors.notFound("You have no trusted browser with this id.");
        }
        forgotten(user, id);
        return Response.noContent().build();
    }

    /** Forget every trusted browser of the caller and end the sessions they signed in (but this one): 204. */
    @DELETE
    @Path("api/trusted-browsers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgetAllBrowsers() {
        HomeCaller caller = atPhoneOtp();
        UserModel user = caller.user();
        if (TrustedBrowsers.forgetAll(session, session.getContext().getRealm(), user, caller.token().getSessionId()) > 0) {
            forgotten(user, null);
        }
        return Response.noContent().build();
    }

    private HomeCaller atPhoneOtp() {
        HomeCaller caller = HomeCaller.of(session, homeClientId);
        if (!Dashboard.atPhoneOtp(caller)) {
            throw HomeErrors.forbidden("phone_otp_required", "Sign in with a phone code first.");
        }
        return caller;
    }

    /** Keycloak's event for a removed credential, as the account console sends for one it removes. */
    private void forgotten(UserModel user, String id) {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL).user(user).detail(Details.CREDENTIAL_TYPE, TrustedBrowser.TYPE);
        if (id != null) {
            event.detail(Details.CREDENTIAL_ID, id);
        }
        event.success();
    }

    @GET
    @Path("api/{other: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unknown() {
        throw HomeErrors.notFound("No such call. The home API has GET api/me, GET api/messages and DELETE "
                + "api/trusted-browsers[/{id}].");
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
