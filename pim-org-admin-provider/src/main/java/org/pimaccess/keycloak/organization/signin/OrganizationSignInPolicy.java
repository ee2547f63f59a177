package org.pimaccess.keycloak.organization.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.OrgSettings;
import org.pimaccess.keycloak.organization.RealmLookup;
import org.pimaccess.keycloak.organization.activity.TrailDetails;
import org.pimaccess.keycloak.passkey.PasskeyDemand;
import org.pimaccess.keycloak.phone.PhoneOtp;

/**
 * Once the person is known, raises the level this sign-in needs to the highest of what the application asks and
 * what each of the person's active organizations requires ({@link PersonPolicy}). It raises Keycloak's own request
 * (the client note step-up reads), so the flow's level conditions that follow run the phone code and the passkey
 * step as they would for an application that asked for that level. A person without a passkey is offered one by the
 * passkey step after their phone code; declining ends the sign-in on {@value #DECLINED_PAGE}, which names the
 * organizations and their admins ({@link PasskeyDemand}).
 */
final class OrganizationSignInPolicy implements Authenticator, PasskeyDemand {

    static final String DECLINED_PAGE = "pim-organization-passkey-required.ftl";
    /** Login event detail: the level the person's organizations asked, when it raised the application's. */
    static final String EVENT_DETAIL = "organization_sign_in_level";
    /** The admins a person is shown per organization: enough to reach one. */
    static final int ADMINS_SHOWN = 5;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PersonPolicy policy = PersonPolicy.of(context.getSession(), context.getUser());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Integer needed = PhoneOtp.levelOf(policy.level().acr(), AcrUtils.getAcrLoaMap(authSession.getClient()));
        if (!policy.organizationIds().isEmpty() && needed != null && needed > requested(authSession)) {
            authSession.setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, String.valueOf(needed));
            PasskeyDemand.record(authSession, OrganizationSignInPolicyFactory.PROVIDER_ID);
            context.getEvent().detail(EVENT_DETAIL, policy.level().acr());
        }
        context.success();
    }

    private static int requested(AuthenticationSessionModel authSession) {
        String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        return requested == null ? Constants.NO_LOA : Integer.parseInt(requested);
    }

    /** The page that ends the sign-in: which organizations ask for a passkey and which of their admins to ask. */
    @Override
    public Response declined(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        RealmLookup lookup = new RealmLookup(session.getProvider(OrganizationProvider.class));
        OrgRoles roles = new OrgRoles(session, OrgSettings.read().clientId());
        List<Map<String, Object>> asking = PersonPolicy.of(session, context.getUser()).organizationIds().stream()
                .map(lookup::organization)
                .flatMap(Optional::stream)
                .map(organization -> asking(roles, organization))
                .toList();
        return context.form().setAttribute("pimAskingOrganizations", asking).createForm(DECLINED_PAGE);
    }

    /** An organization that asks a passkey and whom to ask about it, for the page: {@code name}, {@code admins}. */
    private static Map<String, Object> asking(OrgRoles roles, OrganizationModel organization) {
        return Map.of("name", organization.getName(), "admins", roles.activeAdmins(organization, ADMINS_SHOWN).stream()
                .map(admin -> admin.getEmail() == null || admin.getEmail().isBlank() ? TrailDetails.name(admin)
                        : TrailDetails.name(admin) + " <" + admin.getEmail() + ">")
                .toList());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
