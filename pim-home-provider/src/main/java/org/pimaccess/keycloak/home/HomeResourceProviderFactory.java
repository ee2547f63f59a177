package org.pimaccess.keycloak.home;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.pimaccess.keycloak.organization.OrgSettings;

/**
 * Realm resource {@code pim-home}: the home dashboard at {@code /realms/{realm}/pim-home/} and its JSON at
 * {@code api/me}. Option {@code client-id} (default {@code pim-home}): the only client whose access
 * tokens {@code api/me} accepts. The client whose roles organizations assign is the {@code client-id}
 * option of the {@code pim-org-admin} event listener, so home names the same roles the org admins grant.
 */
public class HomeResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "pim-home";
    static final String CLIENT_ID = "client-id";
    static final String DEFAULT_CLIENT_ID = "pim-home";

    private String homeClientId = DEFAULT_CLIENT_ID;
    private OrgSettings organizations;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        HomeResource resource = new HomeResource(session, homeClientId, organizations.clientId());
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
        homeClientId = config.get(CLIENT_ID, DEFAULT_CLIENT_ID);
        organizations = OrgSettings.read();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENT_ID).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_CLIENT_ID)
                .helpText("The public client the home page signs in with; api/me accepts only access tokens this client obtained.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(CLIENT_ID, homeClientId, "roles-client-id", organizations.clientId());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
