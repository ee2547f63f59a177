package org.pimaccess.keycloak.organization.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per organization that a rule has needed to lock: the row that {@code OrgLock} locks with
 * {@code SELECT ... FOR UPDATE} (JPA {@code PESSIMISTIC_WRITE}). It carries nothing else, so that taking
 * the lock never competes with a write of organization state. It goes with its organization (foreign key
 * to Keycloak's {@code ORG}, on delete cascade).
 */
@Entity
@Table(name = "PIM_ORG_LOCK")
public class OrganizationLockEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 255)
    private String organizationId;

    protected OrganizationLockEntity() {
    }

    public OrganizationLockEntity(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getOrganizationId() {
        return organizationId;
    }
}
