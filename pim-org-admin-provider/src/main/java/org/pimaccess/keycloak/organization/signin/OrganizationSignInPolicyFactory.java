package org.pimaccess.keycloak.organization.signin;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Authenticator {@value #PROVIDER_ID}: organizations' sign-in policies at sign-in (see {@link OrganizationSignInPolicy}). */
public class OrganizationSignInPolicyFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "pim-organization-sign-in-policy";
    private static final OrganizationSignInPolicy SINGLETON = new OrganizationSignInPolicy();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Organization sign-in policy";
    }

    /** It proves nothing itself: it raises the level that the steps after it must prove. */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Place after the step that identifies the person (the level-1 sub-flow and the passkey-level step) and "
                + "before the level-2 and level-3 sub-flows: it raises the level this sign-in needs to what the "
                + "person's active organizations require (their sign-in policy), for every application.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
