package org.pimaccess.keycloak.organization.registration;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.http.HttpRequest;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;

/**
 * Registration form action: the person names the organization they register, and it is created with
 * them as its member. The {@code pim-org-admin} listener then makes them its first admin, in the same
 * transaction. Someone registering through an invitation link joins the inviting organization instead
 * (Keycloak's own user creation does that), so the field is not asked.
 * <p>
 * The field is rendered by theme {@code pim}'s {@code register.ftl} (or any login theme that adds it). A page
 * that never offered it, such as stock {@code keycloak.v2}'s or an operator's own theme, posts no
 * {@code organizationName} at all: that person is not refused for a field they never saw, but asked for their
 * organization on the pack's own page right after registration (required action
 * {@value OrganizationRequiredActionFactory#PROVIDER_ID}), under the same rules ({@link OrganizationSignUp}). A
 * field offered and left empty is still refused.
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
        String problem = OrganizationSignUp.problemWith(context.getSession(), name);
        if (problem != null) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(formData, List.of(new FormMessage(FIELD, problem)));
            return;
        }
        context.success();
    }

    @Override
    public void success(FormContext context) {
        KeycloakSession session = context.getSession();
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (!asked(session, context.getHttpRequest())) {
            return;
        }
        if (!formData.containsKey(FIELD)) {
            context.getUser().addRequiredAction(OrganizationRequiredActionFactory.PROVIDER_ID);
            return;
        }
        String name = OrganizationNames.clean(formData.getFirst(FIELD));
        OrganizationSignUp.register(session, context.getUser(), name,
                OrganizationSignUp.approvalRequired(context.getAuthenticatorConfig()));
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
