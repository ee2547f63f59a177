package org.pimaccess.keycloak.organization.membership;

import org.keycloak.models.GroupModel.GroupRemovedEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.OrganizationModel.OrganizationMemberJoinEvent;
import org.keycloak.models.OrganizationModel.OrganizationMemberLeaveEvent;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.OrgSettings;
import org.pimaccess.keycloak.organization.Suspensions;

/**
 * Keycloak's organization model events, turned into this pack's membership rules in realms that enable
 * the {@code pim-org-admin} event listener: a join runs the {@link FirstMemberRule}, a member who leaves
 * loses their roles (and any suspension) in that organization, a deleted account's suspensions go, and a deleted
 * organization's role groups go with it (its rows in the pack's tables go with it by foreign key).
 *
 * <p>A deleted organization is recognised by the removal of its own group, which Keycloak's organization
 * provider removes while the organization is the session's: Keycloak 26.4 to 26.7 all do so, while
 * {@code OrganizationRemovedEvent} exists only from 26.7.
 */
final class MembershipRules implements ProviderEventListener {

    private final OrgSettings settings;

    MembershipRules(OrgSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationMemberJoinEvent join && enabledIn(join.getSession())) {
            new FirstMemberRule(join.getSession(), settings.clientId()).joined(join.getOrganization(), join.getUser());
        } else if (event instanceof OrganizationMemberLeaveEvent leave && enabledIn(leave.getSession())) {
            new Suspensions(leave.getSession()).lift(leave.getOrganization(), leave.getUser().getId());
            if (stillExists(leave.getSession(), leave.getUser())) {
                new OrgRoles(leave.getSession(), settings.clientId()).revokeAll(leave.getOrganization(), leave.getUser());
            }
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            new Suspensions(removed.getKeycloakSession()).forgetUser(removed.getUser().getId());
        } else if (event instanceof GroupRemovedEvent removed && enabledIn(removed.getKeycloakSession())) {
            OrganizationModel organization = removed.getKeycloakSession().getContext().getOrganization();
            if (organization != null && KeycloakOrganizations.ownGroup(organization, removed.getGroup())) {
                new OrgRoles(removed.getKeycloakSession(), settings.clientId()).removeGroups(organization);
            }
        }
    }

    private static boolean enabledIn(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        return realm != null && realm.getEventsListenersStream().anyMatch(OrgMembershipListenerFactory.PROVIDER_ID::equals);
    }

    /** A managed member's account is deleted when they leave; their group memberships went with it. */
    private static boolean stillExists(KeycloakSession session, UserModel user) {
        return session.users().getUserById(session.getContext().getRealm(), user.getId()) != null;
    }
}
