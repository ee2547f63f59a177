package org.pimaccess.keycloak.organization.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * JPA entity provider {@code pim-organization-state}: the pack's organization tables on Keycloak's own
 * database, created and upgraded by Keycloak through the changelog, and found at {@code kc.sh build}.
 */
public class OrganizationStateEntitiesFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "pim-organization-state";
    private static final JpaEntityProvider ENTITIES = new OrganizationStateEntities();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return ENTITIES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new AttributeMigration(factory));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
