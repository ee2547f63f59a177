package org.pimaccess.keycloak.organization.registration;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.http.HttpRequest;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;

/**
 * Registration form action: the person names the organization they register, and it is created with
 * them as its member. The {@code pim-org-admin} listener then makes them its first admin, in the same
 * transaction. Someone registering through an invitation link joins the inviting organization instead
 * (Keycloak's own user creation does that), so the field is not asked.
 * <p>
 * The field is rendered by theme {@code pim}'s {@code register.ftl} (or any login theme that adds it). A page
 * that never offered it, such as stock {@code keycloak.v2}'s, posts no {@code organizationName} at all: that
 * person registers without an organization (they can join one by invitation) instead of being refused for a
 * field they never saw. A field offered and left empty is still refused.
 */
final class OrganizationRegistration implements FormAction {

    static final String FIELD = "organizationName";

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        form.setAttribute("pimOrganization", Map.of("asked", asked(context.getSession(), context.getHttpRequest())));
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (!asked(context.getSession(), context.getHttpRequest()) || !formData.containsKey(FIELD)) {
            context.success();
            return;
        }
        String name = OrganizationNames.clean(formData.getFirst(FIELD));
        String problem = problemWith(context.getSession(), name);
        if (problem != null) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(formData, List.of(new FormMessage(FIELD, problem)));
            return;
        }
        context.success();
    }

    private static String problemWith(KeycloakSession session, String name) {
        String problem = OrganizationNames.problemWith(name);
        if (problem == null && OrganizationNames.taken(session.getProvider(OrganizationProvider.class), name)) {
            return "pimOrganizationNameTaken";
        }
        return problem;
    }

    @Override
    public void success(FormContext context) {
        KeycloakSession session = context.getSession();
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (!asked(session, context.getHttpRequest()) || !formData.containsKey(FIELD)) {
            return;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        String name = OrganizationNames.clean(formData.getFirst(FIELD));
        OrganizationModel organization = organizations.create(name, OrganizationNames.freeAlias(organizations, name));
        OrganizationNames.remember(organization);
        organization.setEnabled(!approvalRequired(context.getAuthenticatorConfig()));
        // A plain (unmanaged) member: Keycloak makes managed members of a disabled organization read-only,
        // which would lock out the person whose organization waits for approval.
        organizations.addMember(organization, context.getUser());
    }

    static boolean approvalRequired(AuthenticatorConfigModel config) {
        return config != null && config.getConfig() != null
                && Boolean.parseBoolean(config.getConfig().get(OrganizationRegistrationFactory.APPROVAL_REQUIRED));
    }

    /**
     * Asked unless the realm has organizations off, or the person registers through an invitation link
     * (whose token Keycloak's user creation checks and turns into membership).
     */
    private static boolean asked(KeycloakSession session, HttpRequest request) {
        return KeycloakOrganizations.enabled(session) && !KeycloakOrganizations.invitationLink(session, request);
    }

    @Override
    public boolean requiresUser() {
        return false;
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
