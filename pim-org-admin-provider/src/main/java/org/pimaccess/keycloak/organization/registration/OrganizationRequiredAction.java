package org.pimaccess.keycloak.organization.registration;

import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.organization.OrganizationProvider;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;

/**
 * The organization asked on a page of the pack ({@value #TEMPLATE}, shipped in the JAR's
 * {@code theme-resources}, so it renders under any login theme) when the registration page did not offer the
 * field. {@link OrganizationRegistration} adds this action to such a registration; the rules are the field's
 * ({@link OrganizationSignUp}). A person who meanwhile belongs to an organization (an invitation, a realm admin)
 * is not asked: the action ends without a page.
 */
final class OrganizationRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "pim-organization.ftl";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!needed(context)) {
            context.success();
            return;
        }
        context.challenge(page(context, "", null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!needed(context)) {
            context.success();
            return;
        }
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        String name = OrganizationNames.clean(formData.getFirst(OrganizationRegistration.FIELD));
        String problem = OrganizationSignUp.problemWith(context.getSession(), name);
        if (problem != null) {
            context.getEvent().clone().detail("organization_problem", problem).error(Errors.INVALID_INPUT);
            context.challenge(page(context, formData.getFirst(OrganizationRegistration.FIELD), problem));
            return;
        }
        OrganizationModel organization = OrganizationSignUp.register(context.getSession(), context.getUser(), name,
                OrganizationSignUp.approvalRequired(context.getRealm()));
        context.getEvent().detail("organization_id", organization.getId()).detail("organization_alias", organization.getAlias());
        context.success();
    }

    /** Organizations on for the realm, and the person in none of them yet. */
    private static boolean needed(RequiredActionContext context) {
        if (!KeycloakOrganizations.enabled(context.getSession())) {
            return false;
        }
        UserModel person = context.getUser();
        return context.getSession().getProvider(OrganizationProvider.class).getByMember(person).findAny().isEmpty();
    }

    private static Response page(RequiredActionContext context, String typed, String problem) {
        var form = context.form().setAttribute("pimOrganizationPage", Map.of("name", typed == null ? "" : typed));
        if (problem != null) {
            form.addError(new FormMessage(OrganizationRegistration.FIELD, problem));
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}
