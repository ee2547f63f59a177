package org.pimaccess.keycloak.passkey;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Authenticator {@value #PROVIDER_ID}: the passkey level's step (see {@link PasskeyStep}). */
public class PasskeyStepFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "pim-passkey-step";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PasskeyStep(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Passkey, or offer to add one";
    }

    /**
     * A passkey: Keycloak's step-up reads the flow's credential types by this category, so an application-initiated
     * passkey registration asks for this level when the person has a passkey, else for the phone-OTP level.
     */
    @Override
    public String getReferenceCategory() {
        return PasskeyLevelFactory.PASSKEY;
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
        return "Keycloak's passkey check. A person without a passkey, who passed the lower levels of this flow, is "
                + "offered the passkey registration; declining sends the application access_denied, never a session "
                + "at a lower level.";
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
