package org.pimaccess.keycloak.organization.registration;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * The rules of registering an organization, wherever the person names it: in the registration page's field
 * ({@link OrganizationRegistration}) or, when the login theme did not offer that field, on the pack's own page
 * right after registration ({@link OrganizationRequiredAction}). One place for the name checks, the look-alike
 * check, the approval setting and the membership that makes the person its first admin.
 */
final class OrganizationSignUp {

    private OrganizationSignUp() {
    }

    /** The message key of what is wrong with a cleaned name, or null when it may be registered. */
    static String problemWith(KeycloakSession session, String name) {
        String problem = OrganizationNames.problemWith(name);
        if (problem == null && OrganizationNames.taken(session.getProvider(OrganizationProvider.class), name)) {
            return "pimOrganizationNameTaken";
        }
        return problem;
    }

    /**
     * Creates the organization (waiting for approval when so configured) with the person as its member; the
     * {@code pim-org-admin} listener then makes them its first admin in the same transaction.
     */
    static OrganizationModel register(KeycloakSession session, UserModel person, String name, boolean approvalRequired) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations.create(name, OrganizationNames.freeAlias(organizations, name));
        OrganizationNames.remember(organization);
        organization.setEnabled(!approvalRequired);
        // A plain (unmanaged) member: Keycloak makes managed members of a disabled organization read-only,
        // which would lock out the person whose organization waits for approval.
        organizations.addMember(organization, person);
        return organization;
    }

    /** Whether this configuration of {@code pim-organization-registration} makes new organizations wait. */
    static boolean approvalRequired(AuthenticatorConfigModel config) {
        return config != null && config.getConfig() != null
                && Boolean.parseBoolean(config.getConfig().get(OrganizationRegistrationFactory.APPROVAL_REQUIRED));
    }

    /**
     * The approval setting as the realm's registration flow configures {@code pim-organization-registration}:
     * the page after registration follows the same setting as the field, which stays its one place.
     */
    static boolean approvalRequired(RealmModel realm) {
        if (realm.getRegistrationFlow() == null) {
            return false;
        }
        List<AuthenticationExecutionModel> executions = new ArrayList<>();
        KeycloakModelUtils.deepFindAuthenticationExecutions(realm, realm.getRegistrationFlow(), executions);
        return executions.stream()
                .filter(execution -> OrganizationRegistrationFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .filter(execution -> execution.getAuthenticatorConfig() != null)
                .anyMatch(execution -> approvalRequired(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig())));
    }
}
