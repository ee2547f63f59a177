package org.pimaccess.keycloak.organization;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.organization.store.FirstAdminEntity;
import org.pimaccess.keycloak.organization.store.OrganizationTables;

/**
 * Who became each organization's first admin: a row of {@code PIM_ORG_FIRST_ADMIN}, whose primary key is
 * the organization. An organization has its first admin once: the database refuses a second row, and an
 * organization that lost every admin later is not handed to whoever joins next (a realm admin appoints one).
 */
public final class FirstAdmins {

    private final EntityManager tables;

    public FirstAdmins(KeycloakSession session) {
        this.tables = OrganizationTables.of(session);
    }

    /** Whether the organization ever had its first admin, as committed now. */
    public boolean had(OrganizationModel organization) {
        return !tables.createQuery("select f.userId from FirstAdminEntity f where f.organizationId = :organization",
                        String.class)
                .setParameter("organization", organization.getId())
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /**
     * Records the first admin, written at once so that a second first admin fails here, on the primary
     * key, rather than at commit. The caller holds the organization's lock and found none.
     */
    public void record(OrganizationModel organization, UserModel user, long now) {
        tables.persist(new FirstAdminEntity(organization.getId(), user.getId(), now));
        tables.flush();
    }
}
