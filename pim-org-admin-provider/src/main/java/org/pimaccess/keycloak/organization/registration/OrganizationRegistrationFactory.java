package org.pimaccess.keycloak.organization.registration;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Form action {@code pim-organization-registration}: the "Organization" field of the registration page. */
public class OrganizationRegistrationFactory implements FormActionFactory {

    public static final String PROVIDER_ID = "pim-organization-registration";
    static final String APPROVAL_REQUIRED = "approval-required";

    private static final OrganizationRegistration SINGLETON = new OrganizationRegistration();

    @Override
    public FormAction create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "PIM: register an organization";
    }

    @Override
    public String getHelpText() {
        return "Asks for the name of the person's organization and creates it, with them as its member and "
                + "(through the pim-org-admin event listener) its admin. Names are plain text of at most 100 "
                + "characters. A taken name (ignoring case and width) is refused: existing organizations are joined "
                + "by invitation only. Not asked when registering through an invitation.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(APPROVAL_REQUIRED).label("New organizations wait for approval")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Off (default): a registered organization is enabled at once. On: it is created "
                        + "disabled, and a realm admin enables it in Organizations once approved. Until then its "
                        + "members get no organization claim and cannot invite anyone.")
                .add().build();
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

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
