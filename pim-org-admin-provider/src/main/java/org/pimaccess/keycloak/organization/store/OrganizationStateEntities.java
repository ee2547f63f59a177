package org.pimaccess.keycloak.organization.store;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** The pack's organization tables, for Keycloak's JPA entity SPI: entities and their Liquibase changelog. */
final class OrganizationStateEntities implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/pim-organization-state-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OrganizationLockEntity.class, FirstAdminEntity.class, SuspensionEntity.class, InvitedRoleEntity.class,
                SignInPolicyEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return OrganizationStateEntitiesFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
