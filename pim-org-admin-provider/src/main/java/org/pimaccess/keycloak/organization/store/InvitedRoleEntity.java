package org.pimaccess.keycloak.organization.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A role that an invitation grants on joining: one row per (invitation, role), so that inviting one
 * person never rewrites another invitation's roles. The organization is kept for its foreign key (the
 * rows go with the organization); the invitation has none, as Keycloak's invitation table is younger than
 * the oldest Keycloak the pack runs on.
 */
@Entity
@Table(name = "PIM_ORG_INVITED_ROLE")
@IdClass(InvitedRoleEntity.Key.class)
public class InvitedRoleEntity {

    @Id
    @Column(name = "INVITATION_ID", length = 255)
    private String invitationId;

    @Id
    @Column(name = "ROLE_NAME", length = 255)
    private String roleName;

    @Column(name = "ORGANIZATION_ID", length = 255, nullable = false)
    private String organizationId;

    protected InvitedRoleEntity() {
    }

    public InvitedRoleEntity(String invitationId, String roleName, String organizationId) {
        this.invitationId = invitationId;
        this.roleName = roleName;
        this.organizationId = organizationId;
    }

    public String getInvitationId() {
        return invitationId;
    }

    public String getRoleName() {
        return roleName;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    /** The primary key: invitation and role. */
    public static class Key implements Serializable {
        private String invitationId;
        private String roleName;

        public Key() {
        }

        public Key(String invitationId, String roleName) {
            this.invitationId = invitationId;
            this.roleName = roleName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(invitationId, key.invitationId)
                    && Objects.equals(roleName, key.roleName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(invitationId, roleName);
        }
    }
}
