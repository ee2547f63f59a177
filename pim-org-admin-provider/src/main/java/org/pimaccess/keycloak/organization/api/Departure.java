package org.pimaccess.keycloak.organization.api;

import java.util.List;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.OrganizationModel.OrganizationMemberLeaveEvent;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;

/**
 * A member leaving one organization without harm to another. Keycloak deletes the account of a
 * managed member (one who joined through an invitation link) when they leave; that would also take
 * them out of every other organization, perhaps as its last admin. So a managed member whom another
 * organization still holds only loses this membership, the way Keycloak removes an unmanaged member
 * (the organization's groups, then the leave event, which drops their roles here). A managed member
 * of this organization alone is deleted, as Keycloak does.
 */
final class Departure {

    private final KeycloakSession session;
    private final OrganizationProvider organizations;

    Departure(KeycloakSession session, OrganizationProvider organizations) {
        this.session = session;
        this.organizations = organizations;
    }

    /** Removes the member from the organization; true when that deleted their account. */
    boolean remove(OrganizationModel organization, UserModel member) {
        boolean managed = organizations.isManagedMember(organization, member);
        boolean heldElsewhere = organizations.getByMember(member).anyMatch(other -> !other.getId().equals(organization.getId()));
        if (!managed || !heldElsewhere) {
            organizations.removeMember(organization, member);
            return managed;
        }
        KeycloakContext context = session.getContext();
        OrganizationModel before = context.getOrganization();
        // Keycloak lets a member leave an organization's groups only while that organization is the context's.
        context.setOrganization(organization);
        try {
            if (KeycloakOrganizations.GROUPS) {
                List<GroupModel> groups = organizations.getOrganizationGroupsByMember(organization, member).toList();
                groups.forEach(member::leaveGroup);
                member.leaveGroup(organizations.getOrganizationGroup(organization));
            } else {
                // Before Keycloak 26.6 an organization has no groups of its own but its own group, which the
                // provider does not expose: the member's groups hold it.
                member.getGroupsStream().filter(group -> KeycloakOrganizations.ownGroup(organization, group)).toList()
                        .forEach(member::leaveGroup);
            }
        } finally {
            context.setOrganization(before);
        }
        OrganizationMemberLeaveEvent.fire(organization, member, session);
        return false;
    }
}
