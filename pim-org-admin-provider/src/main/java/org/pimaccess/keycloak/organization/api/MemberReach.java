package org.pimaccess.keycloak.organization.api;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * How far an org admin reaches, one rule for the phone reset, the passkey reset and the suspension: each ends every
 * session the member has, so each is an org admin's call only for a member whose account stays inside this
 * organization. A member who belongs to another organization too (an admin there, for one) or holds any
 * {@code realm-management} role is a realm admin's call: a caller who holds {@code manage-users} in this realm may
 * act on them, as Keycloak's own admin API lets them anyway.
 */
final class MemberReach {

    private MemberReach() {
    }

    /** Whether the caller, an admin of this organization, may act on this member alone. */
    static boolean allows(KeycloakSession session, Caller caller, OrganizationModel organization, UserModel member) {
        return !reachesBeyond(session, organization, member) || managesUsers(session, caller.user());
    }

    private static boolean reachesBeyond(KeycloakSession session, OrganizationModel organization, UserModel member) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        boolean otherOrganization = organizations.getByMember(member)
                .anyMatch(other -> !other.getId().equals(organization.getId()));
        ClientModel realmManagement = realmManagement(session);
        return otherOrganization || realmManagement != null && realmManagement.getRolesStream().anyMatch(member::hasRole);
    }

    /** Whether the caller holds {@code manage-users} in this realm: a realm admin, for the org-admin API. */
    static boolean managesUsers(KeycloakSession session, UserModel caller) {
        ClientModel realmManagement = realmManagement(session);
        RoleModel manageUsers = realmManagement == null ? null : realmManagement.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && caller.hasRole(manageUsers);
    }

    private static ClientModel realmManagement(KeycloakSession session) {
        return session.getContext().getRealm().getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
    }
}
