package org.pimaccess.keycloak.organization.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A member suspended in an organization: one row per (organization, member), so that suspending one
 * member never rewrites another's. {@code BY_USERNAME} keeps the suspending admin's username as it was
 * (up to Keycloak's 255 characters), for when that account is gone.
 */
@Entity
@Table(name = "PIM_ORG_SUSPENSION")
@IdClass(SuspensionEntity.Key.class)
public class SuspensionEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 255)
    private String organizationId;

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "SINCE", nullable = false)
    private long since;

    @Column(name = "BY_ID", length = 36)
    private String byId;

    @Column(name = "BY_USERNAME", length = 255)
    private String byUsername;

    @Column(name = "REASON", length = 2000, nullable = false)
    private String reason;

    protected SuspensionEntity() {
    }

    public SuspensionEntity(String organizationId, String userId, long since, String byId, String byUsername,
            String reason) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.since = since;
        this.byId = byId;
        this.byUsername = byUsername;
        this.reason = reason;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getUserId() {
        return userId;
    }

    public long getSince() {
        return since;
    }

    public String getById() {
        return byId;
    }

    public String getByUsername() {
        return byUsername;
    }

    public String getReason() {
        return reason;
    }

    /** The primary key: organization and member. */
    public static class Key implements Serializable {
        private String organizationId;
        private String userId;

        public Key() {
        }

        public Key(String organizationId, String userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(organizationId, key.organizationId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }
}
