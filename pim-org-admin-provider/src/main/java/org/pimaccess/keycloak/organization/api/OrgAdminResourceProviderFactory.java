package org.pimaccess.keycloak.organization.api;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.pimaccess.keycloak.organization.membership.PimOrgAdminEventListenerFactory;

/**
 * Realm resource {@code pim-org-admin}: the org-admin API at {@code /realms/{realm}/pim-org-admin}.
 * Option {@code required-acr} (default {@code phone-otp}): the acr a token needs for any call but the
 * list of the caller's organizations. The client whose roles are assigned is the {@code client-id}
 * option of the {@code pim-org-admin} event listener, so both always agree.
 */
public class OrgAdminResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "pim-org-admin";
    static final String REQUIRED_ACR = "required-acr";
    static final String DEFAULT_REQUIRED_ACR = "phone-otp";

    private String requiredAcr = DEFAULT_REQUIRED_ACR;
    private PimOrgAdminEventListenerFactory listener;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        OrgAdminResource resource = new OrgAdminResource(session, listener.clientId(), requiredAcr);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        requiredAcr = config.get(REQUIRED_ACR, DEFAULT_REQUIRED_ACR);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        listener = (PimOrgAdminEventListenerFactory) factory.getProviderFactory(EventListenerProvider.class,
                PimOrgAdminEventListenerFactory.ID);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REQUIRED_ACR).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_REQUIRED_ACR)
                .helpText("The acr an access token needs for the org-admin calls that read or change an organization.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(REQUIRED_ACR, requiredAcr, "client-id", listener.clientId());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
