package org.pimaccess.keycloak.organization.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The first admin of an organization. The organization is the primary key, so the database itself
 * refuses a second first admin, on every node, whatever a cache or a dying node does.
 */
@Entity
@Table(name = "PIM_ORG_FIRST_ADMIN")
public class FirstAdminEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 255)
    private String organizationId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "PROMOTED_AT", nullable = false)
    private long promotedAt;

    protected FirstAdminEntity() {
    }

    public FirstAdminEntity(String organizationId, String userId, long promotedAt) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.promotedAt = promotedAt;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getUserId() {
        return userId;
    }

    public long getPromotedAt() {
        return promotedAt;
    }
}
