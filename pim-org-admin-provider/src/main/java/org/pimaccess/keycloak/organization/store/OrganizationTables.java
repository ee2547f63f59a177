package org.pimaccess.keycloak.organization.store;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The entity manager of the session's transaction: the pack's tables commit and roll back with Keycloak's. */
public final class OrganizationTables {

    private OrganizationTables() {
    }

    public static EntityManager of(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
