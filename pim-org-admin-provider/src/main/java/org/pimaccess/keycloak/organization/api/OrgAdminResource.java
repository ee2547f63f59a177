package org.pimaccess.keycloak.organization.api;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationInvitationModel.Filter;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.validation.Validation;
import org.pimaccess.keycloak.organization.InvitedRoles;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;
import org.pimaccess.keycloak.organization.OrgLock;
import org.pimaccess.keycloak.organization.OrgMetrics;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.OrgSettings;
import org.pimaccess.keycloak.organization.RealmLookup;
import org.pimaccess.keycloak.organization.api.Views.Created;
import org.pimaccess.keycloak.organization.api.Views.InvitationRequest;
import org.pimaccess.keycloak.organization.api.Views.InvitationView;
import org.pimaccess.keycloak.organization.api.Views.MemberRoles;
import org.pimaccess.keycloak.organization.api.Views.MemberView;
import org.pimaccess.keycloak.organization.api.Views.OrganizationView;
import org.pimaccess.keycloak.organization.api.Views.RolesRequest;
import org.pimaccess.keycloak.page.PageTexts;
import org.pimaccess.keycloak.release.KeycloakRelease;

/**
 * {@code /realms/{realm}/pim-org-admin}: what an organization's admin does for their organization. The
 * order of checks is fixed: token for this API (401), then acr (403), organization (404), admin of it
 * (403), organization enabled (409), target (404), body (400), rules (409), invitation caps (429). A
 * change that waits too long for the organization's lock answers 503. Every change sends an admin event.
 */
@Produces(MediaType.APPLICATION_JSON)
public class OrgAdminResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;
    static final int MAX_NAME_LENGTH = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final RealmLookup lookup;
    private final OrgRoles roles;
    private final ApiSettings settings;

    OrgAdminResource(KeycloakSession session, OrgSettings organizationSettings, ApiSettings settings) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.lookup = new RealmLookup(organizations);
        this.roles = new OrgRoles(session, organizationSettings.clientId());
        this.settings = settings;
    }

    /** The roles an org admin may grant: the client roles of the application client. */
    @GET
    @Path("roles")
    public Set<String> roles() {
        return OrgMetrics.measured("list_roles", () -> {
            Caller.of(session);
            return roles.allowList();
        });
    }

    /** The org-admin web page's texts, public like the page itself: it needs them before anyone signed in. */
    @GET
    @Path("ui/messages")
    public PageTexts messages(@QueryParam("locale") String locale) {
        return OrgAdminTexts.of(session, roles, locale);
    }

    /** The org-admin web page: its static files, served from the JAR (no CDN). */
    @GET
    @Path("ui/{file: .*}")
    @Produces(MediaType.WILDCARD)
    public Response ui(@PathParam("file") String file) {
        return OrgAdminPage.file(session, file);
    }

    @GET
    @Path("organizations")
    public List<OrganizationView> organizations() {
        return OrgMetrics.measured("list_organizations", () -> {
            Caller caller = Caller.of(session);
            return organizations.getByMember(caller.user())
                    .map(org -> new OrganizationView(org.getId(), org.getName(), org.getAlias(), org.isEnabled(),
                            roles.isAdmin(org, caller.user())))
                    .toList();
        });
    }

    @GET
    @Path("organizations/{orgId}/members")
    public List<MemberView> members(@PathParam("orgId") String orgId, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return OrgMetrics.measured("list_members", () -> {
            OrganizationModel organization = administeredBy(Caller.of(session), orgId);
            MemberViews memberViews = new MemberViews(session, roles);
            return organizations.getMembersStream(organization, Map.of(), null, page("first", first, 0, Integer.MAX_VALUE),
                            page("max", max, DEFAULT_PAGE, MAX_PAGE))
                    .map(member -> memberViews.of(organization, member))
                    .toList();
        });
    }

    @POST
    @Path("organizations/{orgId}/invitations")
    public Response invite(@PathParam("orgId") String orgId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return OrgMetrics.measured("invite", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            if (!KeycloakOrganizations.INVITATIONS) {
                throw ApiErrors.error(Response.Status.NOT_IMPLEMENTED, "invitations_unavailable",
                        "Invitations need Keycloak " + KeycloakOrganizations.INVITATIONS_SINCE + " or later; this server is Keycloak "
                                + KeycloakRelease.version() + ".");
            }
            InvitationRequest request = JsonBodies.read(contentType, body, InvitationRequest.class);
            String email = email(request.email());
            String firstName = name("firstName", request.firstName());
            String lastName = name("lastName", request.lastName());
            Set<String> invitedRoles = allowed(request.roles() == null ? List.of() : request.roles());
            InvitationManager invitations = organizations.getInvitationManager();
            OrganizationInvitationModel previous = invitations.getByEmail(organization, email);
            if (previous != null && !previous.isExpired()) {
                throw ApiErrors.conflict("already_invited", "This address already has a pending invitation.");
            }
            UserModel existing = session.users().getUserByEmail(realm, email);
            if (existing != null && organization.isMember(existing)) {
                throw ApiErrors.conflict("already_member", "This person is already a member of the organization.");
            }
            new InvitationCaps(session, settings).take(organization, email);
            InvitedRoles stored = new InvitedRoles(session);
            if (previous != null) {
                invitations.remove(previous.getId());
                stored.forget(organization, previous.getId());
            }
            OrganizationInvitationModel invitation = invitations.create(organization, email, firstName, lastName);
            stored.store(organization, invitation.getId(), invitedRoles);
            new InvitationMail(session).send(organization, invitation, existing,
                    InvitationMail.Notice.of(session, realm, caller.user(), roles, invitedRoles));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("invitation_id", invitation.getId());
            details.put("email", email);
            details.put("roles", OrgAdminEvents.joined(invitedRoles));
            new OrgAdminEvents(session, caller).send(OperationType.CREATE, organization, details, view(invitation, invitedRoles),
                    "organizations", organization.getId(), "invitations", invitation.getId());
            return Response.status(Response.Status.CREATED).entity(new Created(invitation.getId())).build();
        });
    }

    @GET
    @Path("organizations/{orgId}/invitations")
    public List<InvitationView> invitations(@PathParam("orgId") String orgId, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return OrgMetrics.measured("list_invitations", () -> {
            OrganizationModel organization = administeredBy(Caller.of(session), orgId);
            if (!KeycloakOrganizations.INVITATIONS) {
                return List.<InvitationView>of();
            }
            InvitedRoles stored = new InvitedRoles(session);
            return organizations.getInvitationManager()
                    .getAllStream(organization, Map.of(Filter.STATUS, OrganizationInvitationModel.InvitationStatus.PENDING.name()),
                            page("first", first, 0, Integer.MAX_VALUE), page("max", max, DEFAULT_PAGE, MAX_PAGE))
                    .map(invitation -> view(invitation, stored.of(organization, invitation.getId())))
                    .toList();
        });
    }

    @DELETE
    @Path("organizations/{orgId}/invitations/{invitationId}")
    public Response revoke(@PathParam("orgId") String orgId, @PathParam("invitationId") String invitationId) {
        return OrgMetrics.measured("revoke_invitation", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            OrganizationInvitationModel invitation = lookup.invitation(organization, invitationId)
                    .orElseThrow(() -> ApiErrors.notFound("invitation_not_found", "No such invitation in this organization."));
            InvitedRoles stored = new InvitedRoles(session);
            Set<String> invitedRoles = stored.of(organization, invitationId);
            organizations.getInvitationManager().remove(invitationId);
            stored.forget(organization, invitationId);
            new OrgAdminEvents(session, caller).send(OperationType.DELETE, organization,
                    Map.of("invitation_id", invitationId, "email", invitation.getEmail()), view(invitation, invitedRoles),
                    "organizations", organization.getId(), "invitations", invitationId);
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("organizations/{orgId}/members/{userId}/roles")
    public MemberRoles setRoles(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return OrgMetrics.measured("set_roles", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            UserModel member = member(organization, userId);
            RolesRequest request = JsonBodies.read(contentType, body, RolesRequest.class);
            if (request.roles() == null) {
                throw ApiErrors.badRequest("invalid_json", "The body needs \"roles\": the member's full list of roles.");
            }
            Set<String> wanted = allowed(request.roles());
            Set<String> before = roles.rolesOf(organization, member);
            if (before.contains(OrgRoles.ADMIN) && !wanted.contains(OrgRoles.ADMIN)) {
                keepAnotherAdmin(organization, member, "demote");
            }
            List<String> added = wanted.stream().filter(role -> !before.contains(role)).toList();
            if (added.stream().anyMatch(role -> roles.group(organization, role).isEmpty())) {
                OrgLock.hold(session, organization);
            }
            before.stream().filter(role -> !wanted.contains(role)).forEach(role -> roles.revoke(organization, member, role));
            added.forEach(role -> roles.grant(organization, member, role));
            MemberRoles result = new MemberRoles(member.getId(), wanted);
            new OrgAdminEvents(session, caller).send(OperationType.UPDATE, organization,
                    OrgAdminEvents.about(member, Map.of("roles", OrgAdminEvents.joined(wanted),
                            "roles_before", OrgAdminEvents.joined(before))), result,
                    "organizations", organization.getId(), "members", member.getId(), "roles");
            return result;
        });
    }

    @DELETE
    @Path("organizations/{orgId}/members/{userId}")
    public Response remove(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return OrgMetrics.measured("remove_member", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            UserModel member = member(organization, userId);
            Set<String> before = roles.rolesOf(organization, member);
            if (before.contains(OrgRoles.ADMIN)) {
                keepAnotherAdmin(organization, member, "remove");
            }
            Map<String, String> details = OrgAdminEvents.about(member, Map.of("roles_before", OrgAdminEvents.joined(before)));
            boolean accountDeleted = new Departure(session, organizations).remove(organization, member);
            details.put("account_deleted", Boolean.toString(accountDeleted));
            new OrgAdminEvents(session, caller).send(OperationType.DELETE, organization, details, null,
                    "organizations", organization.getId(), "members", userId);
            return Response.noContent().build();
        });
    }

    /** A member lost their phone: see {@link MemberPhones#reset}. */
    @POST
    @Path("organizations/{orgId}/members/{userId}/phone-reset")
    public Response resetPhones(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return OrgMetrics.measured("reset_phones", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            return MemberPhones.reset(session, caller, organization, member(organization, userId));
        });
    }

    /** A member lost the device holding their passkeys: see {@link MemberPasskeys#reset}. */
    @POST
    @Path("organizations/{orgId}/members/{userId}/passkey-reset")
    public Response resetPasskeys(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return OrgMetrics.measured("reset_passkeys", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = administeredBy(caller, orgId);
            return MemberPasskeys.reset(session, caller, organization, member(organization, userId));
        });
    }

    /** Suspend or reactivate a member: {@link SuspensionResource}. */
    @Path("organizations/{orgId}/members/{userId}/suspension")
    public SuspensionResource suspension(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return new SuspensionResource(session, roles, this::administeredBy, this::member, orgId, userId);
    }

    /** The organization's sign-in policy: {@link SignInPolicyResource}. */
    @Path("organizations/{orgId}/sign-in-policy")
    public SignInPolicyResource signInPolicy(@PathParam("orgId") String orgId) {
        return new SignInPolicyResource(session, roles, settings, orgId);
    }

    /** The organization's activity trail as JSON: {@link ActivityResource}. */
    @Path("organizations/{orgId}/activity")
    public ActivityResource activity(@PathParam("orgId") String orgId) {
        return new ActivityResource(session, this::administeredBy, orgId, false);
    }

    /** The same trail as CSV. */
    @Path("organizations/{orgId}/activity.csv")
    public ActivityResource activityCsv(@PathParam("orgId") String orgId) {
        return new ActivityResource(session, this::administeredBy, orgId, true);
    }

    /** The organization, if the caller signed in with the required acr and administers it. */
    private OrganizationModel administeredBy(Caller caller, String orgId) {
        caller.requireAcr(settings.requiredAcr());
        OrganizationModel organization = lookup.organization(orgId)
                .orElseThrow(() -> ApiErrors.notFound("organization_not_found", "No such organization."));
        if (!roles.isAdmin(organization, caller.user())) {
            throw ApiErrors.forbidden("not_organization_admin", "Only an admin of this organization may do this.");
        }
        if (!organization.isEnabled()) {
            throw ApiErrors.conflict("organization_disabled", "The organization is not enabled yet: a realm "
                    + "administrator has to approve it before its members, roles and invitations can be managed.");
        }
        return organization;
    }

    private UserModel member(OrganizationModel organization, String userId) {
        return lookup.member(organization, userId)
                .orElseThrow(() -> ApiErrors.notFound("member_not_found", "No such member in this organization."));
    }

    /**
     * Under the organization's lock, so that two admins cannot demote each other at the same time. A
     * suspended admin does not count: an active admin must remain.
     */
    private void keepAnotherAdmin(OrganizationModel organization, UserModel member, String verb) {
        OrgLock.hold(session, organization);
        if (!roles.hasActiveAdminBesides(organization, member.getId())) {
            throw ApiErrors.conflict("last_admin", "Cannot " + verb + " the last admin of the organization. "
                    + "Make another member admin first.");
        }
    }

    private Set<String> allowed(List<String> requested) {
        if (requested.stream().anyMatch(Objects::isNull)) {
            throw ApiErrors.badRequest("unknown_role", "Roles must be names.");
        }
        Set<String> notAllowed = roles.notAllowed(requested);
        if (!notAllowed.isEmpty()) {
            throw ApiErrors.badRequest("unknown_role", "Not an assignable role: " + String.join(", ", notAllowed)
                    + ". Assignable: " + String.join(", ", roles.allowList()) + ".");
        }
        return new TreeSet<>(requested);
    }

    private static String email(String typed) {
        String email = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > MAX_NAME_LENGTH || !Validation.isEmailValid(email)) {
            throw ApiErrors.badRequest("invalid_email", "\"email\" must be a valid email address.");
        }
        return email;
    }

    private static String name(String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String name = typed.trim();
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiErrors.badRequest("invalid_name", "\"" + field + "\" must be at most 255 printable characters.");
        }
        return name;
    }

    static int page(String parameter, String value, int fallback, int limit) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 0 && number <= limit) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiErrors.badRequest("invalid_paging", "\"" + parameter + "\" must be a whole number from 0 to " + limit + ".");
    }

    private static InvitationView view(OrganizationInvitationModel invitation, Set<String> invitedRoles) {
        return new InvitationView(invitation.getId(), invitation.getEmail(), invitation.getFirstName(),
                invitation.getLastName(), invitedRoles, invitation.getExpiresAt());
    }
}
