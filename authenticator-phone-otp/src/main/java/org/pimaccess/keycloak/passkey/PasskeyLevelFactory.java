package org.pimaccess.keycloak.passkey;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Authenticator {@value #PROVIDER_ID}: a passkey sign-in reaches the passkey level at once (see {@link PasskeyLevel}). */
public class PasskeyLevelFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "pim-passkey-level";
    /** Keycloak's credential type of a passkey (passwordless WebAuthn). */
    public static final String PASSKEY = WebAuthnCredentialModel.TYPE_PASSWORDLESS;
    static final String LEVEL = "level";
    static final int DEFAULT_LEVEL = 3;

    private static final PasskeyLevel SINGLETON = new PasskeyLevel();

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
        return "Passkey level";
    }

    /** Not a credential of its own: it proves nothing, it credits what the passkey proved. */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
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
        return "Place after the level-1 sub-flow, behind 'Condition - credential' (webauthn-passwordless used): a passkey "
                + "sign-in then counts as every level of the flow up to the configured one, so it asks neither for a "
                + "phone code nor, later, for a step-up below that level.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(LEVEL).label("Passkey level")
                .helpText("The level of assurance a passkey sign-in reaches (the level of acr 'passkey' in the "
                        + "realm's ACR-to-LoA map); the levels of the flow below it are met too.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_LEVEL)).add()
                .build();
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
