package org.pimaccess.keycloak.organization;

import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.pimaccess.keycloak.organization.store.InvitedRoleEntity;
import org.pimaccess.keycloak.organization.store.OrganizationTables;

/**
 * The roles an invitation grants on joining. Keycloak's invitations carry no attributes, so the roles are
 * rows of {@code PIM_ORG_INVITED_ROLE}, one per (invitation, role): writing one invitation's roles never
 * touches another's, so no lock is needed. The rows go when the invitation is used or revoked, and with
 * the organization.
 */
public final class InvitedRoles {

    private final EntityManager tables;

    public InvitedRoles(KeycloakSession session) {
        this.tables = OrganizationTables.of(session);
    }

    public void store(OrganizationModel organization, String invitationId, Set<String> roles) {
        roles.forEach(role -> tables.persist(new InvitedRoleEntity(invitationId, role, organization.getId())));
    }

    public Set<String> of(OrganizationModel organization, String invitationId) {
        return new TreeSet<>(tables.createQuery("select r.roleName from InvitedRoleEntity r "
                        + "where r.invitationId = :invitation and r.organizationId = :organization", String.class)
                .setParameter("invitation", invitationId)
                .setParameter("organization", organization.getId())
                .getResultList());
    }

    public void forget(OrganizationModel organization, String invitationId) {
        tables.createQuery("delete from InvitedRoleEntity r where r.invitationId = :invitation "
                        + "and r.organizationId = :organization")
                .setParameter("invitation", invitationId)
                .setParameter("organization", organization.getId())
                .executeUpdate();
    }
}
