package org.pimaccess.keycloak.organization.registration;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Required action {@value #PROVIDER_ID}: the organization asked on the pack's page right after a registration
 * whose page had no organization field. Approval follows {@code pim-organization-registration}'s setting.
 */
public class OrganizationRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "pim-organization";

    private static final OrganizationRequiredAction SINGLETON = new OrganizationRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "PIM: register your organization";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
