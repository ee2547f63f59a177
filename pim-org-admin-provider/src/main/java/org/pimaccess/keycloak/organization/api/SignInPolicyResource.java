package org.pimaccess.keycloak.organization.api;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.pimaccess.keycloak.organization.OrgLock;
import org.pimaccess.keycloak.organization.OrgMetrics;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.RealmLookup;
import org.pimaccess.keycloak.organization.activity.ActivityAction;
import org.pimaccess.keycloak.organization.activity.TrailDetails;
import org.pimaccess.keycloak.organization.signin.SignInLevel;
import org.pimaccess.keycloak.organization.signin.SignInPolicies;
import org.pimaccess.keycloak.organization.signin.SignInPolicy;
import org.pimaccess.keycloak.trust.TrustedBrowserDays;

/**
 * {@code .../organizations/{orgId}/sign-in-policy}: the level every member of the organization needs and for how
 * many days they may trust a browser. An admin of the organization and a realm admin ({@code manage-users}) read
 * ({@code GET}) and set it ({@code PUT}, 200 with the policy); the change is in the trail
 * ({@code sign_in_policy_changed}, before and after, exact under the organization's lock) and mailed to the
 * organization's other admins. Checks: token (401), acr (403), an organization the caller belongs to or a realm
 * admin (404: nobody outside learns it exists), admin of it (403), enabled (409), body (400).
 */
@Produces(MediaType.APPLICATION_JSON)
public class SignInPolicyResource {

    /** The policy as the API shows it; {@code maxTrustedBrowserDays} is the realm's setting, the most days allowed. */
    record PolicyView(String level, int trustedBrowserDays, int maxTrustedBrowserDays) {
    }

    /** {@code trustedBrowserDays} left out: as many days as the realm allows, now and after the realm's setting changes. */
    record PolicyRequest(String level, Integer trustedBrowserDays) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrgRoles roles;
    private final ApiSettings settings;
    private final String orgId;

    SignInPolicyResource(KeycloakSession session, OrgRoles roles, ApiSettings settings, String orgId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.roles = roles;
        this.settings = settings;
        this.orgId = orgId;
    }

    @GET
    public PolicyView read() {
        return OrgMetrics.measured("get_sign_in_policy", () -> {
            OrganizationModel organization = governedBy(Caller.of(session));
            return view(new SignInPolicies(session).of(organization));
        });
    }

    @PUT
    public PolicyView change(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return OrgMetrics.measured("set_sign_in_policy", () -> {
            Caller caller = Caller.of(session);
            OrganizationModel organization = governedBy(caller);
            SignInPolicy wanted = valid(JsonBodies.read(contentType, body, PolicyRequest.class));
            OrgLock.hold(session, organization);
            SignInPolicies policies = new SignInPolicies(session);
            SignInPolicy before = policies.of(organization);
            policies.set(organization, wanted);
            PolicyView was = view(before);
            PolicyView now = view(wanted);
            new OrgAdminEvents(session, caller).send(OperationType.UPDATE, organization,
                    TrailDetails.policy(was.level(), was.trustedBrowserDays(), now.level(), now.trustedBrowserDays()), now,
                    "organizations", organization.getId(), ActivityAction.SIGN_IN_POLICY_PATH);
            List<UserModel> otherAdmins = roles.activeAdmins(organization, SignInPolicyMail.MAX_ADMINS).stream()
                    .filter(admin -> !admin.getId().equals(caller.user().getId()))
                    .toList();
            new SignInPolicyMail(session, realm).send(organization, caller.user(), was, now, otherAdmins);
            return now;
        });
    }

    /**
     * The organization, if the caller may govern it: its admin, or a realm admin. A member who is not its admin gets
     * 403; anyone else 404, as for an organization that does not exist.
     */
    private OrganizationModel governedBy(Caller caller) {
        caller.requireAcr(settings.requiredAcr());
        OrganizationModel organization = new RealmLookup(session.getProvider(OrganizationProvider.class))
                .organization(orgId)
                .orElseThrow(SignInPolicyResource::notFound);
        boolean realmAdmin = MemberReach.managesUsers(session, caller.user());
        if (!realmAdmin && !roles.isAdmin(organization, caller.user())) {
            if (!organization.isMember(caller.user())) {
                throw notFound();
            }
            throw ApiErrors.forbidden("not_organization_admin", "Only an admin of this organization may do this.");
        }
        if (!organization.isEnabled()) {
            throw ApiErrors.conflict("organization_disabled", "The organization is not enabled yet: a realm "
                    + "administrator has to approve it before its sign-in policy can be set.");
        }
        return organization;
    }

    private static RuntimeException notFound() {
        return ApiErrors.notFound("organization_not_found", "No such organization.");
    }

    private SignInPolicy valid(PolicyRequest request) {
        SignInLevel level = SignInLevel.ofAcr(request.level()).orElseThrow(() -> ApiErrors.badRequest("invalid_level",
                "\"level\" must be \"phone-otp\" or \"passkey\"."));
        int most = TrustedBrowserDays.ofRealm(realm);
        Integer days = request.trustedBrowserDays();
        if (days != null && (days < 0 || days > most)) {
            throw ApiErrors.badRequest("invalid_trusted_browser_days",
                    "\"trustedBrowserDays\" must be a whole number from 0 (never) to " + most + " (this realm's setting).");
        }
        return new SignInPolicy(level, days);
    }

    private PolicyView view(SignInPolicy policy) {
        return new PolicyView(policy.level().acr(), policy.trustedBrowserDaysIn(realm), TrustedBrowserDays.ofRealm(realm));
    }
}
