package org.pimaccess.keycloak.organization.api;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.organization.OrgLock;
import org.pimaccess.keycloak.organization.OrgMetrics;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.Suspensions;
import org.pimaccess.keycloak.organization.Suspensions.Suspension;
import org.pimaccess.keycloak.organization.api.Views.ReasonRequest;
import org.pimaccess.keycloak.trust.SignOut;

/**
 * {@code .../organizations/{orgId}/members/{userId}/suspension}: an org admin suspends a member of their
 * organization with a reason ({@code POST}, 200 with the member view) and reactivates them
 * ({@code DELETE}, 204, with an optional reason). The suspended member keeps membership and roles on
 * record, holds none of them in this organization ({@link OrgRoles#activeRolesOf}), and is signed out
 * everywhere at once, so that no session keeps issuing tokens with the old roles. Checks after the
 * caller's: target (404), body (400), not oneself (403 {@code cannot_suspend_self}), within this organization's
 * reach (403 {@code suspend_needs_realm_admin}, {@link MemberReach}), state (409
 * {@code already_suspended}, {@code not_suspended}), and under the organization's lock, an active admin
 * must remain (409 {@code last_admin}: two admins suspending each other at once).
 */
@Produces(MediaType.APPLICATION_JSON)
public class SuspensionResource {

    private final KeycloakSession session;
    private final OrgRoles roles;
    private final Suspensions suspensions;
    private final BiFunction<Caller, String, OrganizationModel> administered;
    private final BiFunction<OrganizationModel, String, UserModel> members;
    private final String orgId;
    private final String userId;

    SuspensionResource(KeycloakSession session, OrgRoles roles, BiFunction<Caller, String, OrganizationModel> administered,
            BiFunction<OrganizationModel, String, UserModel> members, String orgId, String userId) {
        this.session = session;
        this.roles = roles;
        this.suspensions = new Suspensions(session);
        this.administered = administered;
        this.members = members;
        this.orgId = orgId;
        this.userId = userId;
    }

    @POST
    public Response suspend(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return OrgMetrics.measured("suspend_member", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administered.apply(caller, orgId);
            UserModel member = members.apply(organization, userId);
            String reason = Reasons.required(JsonBodies.read(contentType, body, ReasonRequest.class).reason());
            if (member.getId().equals(caller.user().getId())) {
                throw ApiErrors.forbidden("cannot_suspend_self",
                        "You cannot suspend yourself. Ask another admin of the organization.");
            }
            if (!MemberReach.allows(session, caller, organization, member)) {
                throw ApiErrors.forbidden("suspend_needs_realm_admin", "This member belongs to another organization or "
                        + "holds an administrator role; only a realm administrator can suspend them.");
            }
            OrgLock.hold(session, organization);
            if (suspensions.isSuspended(organization, member)) {
                throw ApiErrors.conflict("already_suspended", "This member is already suspended in the organization.");
            }
            if (roles.holds(organization, member, OrgRoles.ADMIN) && !roles.hasActiveAdminBesides(organization, member.getId())) {
                throw ApiErrors.conflict("last_admin", "Cannot suspend the last active admin of the organization. "
                        + "Make another member admin first.");
            }
            Suspension suspension = suspensions.suspend(organization, member, caller.user(), reason,
                    System.currentTimeMillis());
            endSessions(member);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("roles", OrgAdminEvents.joined(roles.rolesOf(organization, member)));
            details.put("reason", suspension.reason());
            new OrgAdminEvents(session, caller).send(OperationType.CREATE, organization, OrgAdminEvents.about(member, details), null,
                    "organizations", organization.getId(), "members", member.getId(), "suspension");
            return Response.ok(new MemberViews(session, roles).of(organization, member, suspension)).build();
        });
    }

    @DELETE
    public Response reactivate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return OrgMetrics.measured("reactivate_member", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administered.apply(caller, orgId);
            UserModel member = members.apply(organization, userId);
            String reason = JsonBodies.optional(contentType, body, ReasonRequest.class)
                    .map(request -> Reasons.optional(request.reason())).orElse(null);
            if (!suspensions.lift(organization, member.getId())) {
                throw ApiErrors.conflict("not_suspended", "This member is not suspended in the organization.");
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("roles", OrgAdminEvents.joined(roles.rolesOf(organization, member)));
            if (reason != null) {
                details.put("reason", reason);
            }
            new OrgAdminEvents(session, caller).send(OperationType.DELETE, organization, OrgAdminEvents.about(member, details), null,
                    "organizations", organization.getId(), "members", member.getId(), "suspension");
            return Response.noContent().build();
        });
    }

    /** Every session, token and trusted browser of the member ends, as a phone reset ends them. */
    private void endSessions(UserModel member) {
        SignOut.everywhere(session, session.getContext().getRealm(), member, Time.currentTime());
    }
}
