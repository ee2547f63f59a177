package org.pimaccess.keycloak.organization.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;
import org.pimaccess.keycloak.organization.OrgSettings;

/**
 * Realm resource {@code pim-org-admin}: the org-admin API at {@code /realms/{realm}/pim-org-admin}. Its
 * options are in {@link ApiSettings}; the client whose roles are assigned comes from {@link OrgSettings}
 * (an option of the {@code pim-org-admin} event listener), so the API and the listener always agree.
 */
public class OrgAdminResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "pim-org-admin";

    private static final Logger LOG = Logger.getLogger(OrgAdminResourceProviderFactory.class);

    private ApiSettings settings;
    private OrgSettings organizations;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        OrgAdminResource resource = new OrgAdminResource(session, organizations, settings);
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
        settings = ApiSettings.from(config);
        organizations = OrgSettings.read();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakOrganizations.warnOfMissing(LOG);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ApiSettings.metadata();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new HashMap<>(settings.operationalInfo());
        info.put(OrgSettings.CLIENT_ID, organizations.clientId());
        return info;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
