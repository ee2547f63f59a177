package org.pimaccess.keycloak.organization.membership;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.pimaccess.keycloak.organization.FirstAdmins;
import org.pimaccess.keycloak.organization.InvitedRoles;
import org.pimaccess.keycloak.organization.KeycloakOrganizations;
import org.pimaccess.keycloak.organization.OrgLock;
import org.pimaccess.keycloak.organization.OrgMetrics;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.activity.TrailDetails;

/**
 * What happens when a user joins an organization, however they joined (self-registration, an
 * invitation, a realm admin, an identity provider): they get the roles their invitation named, and
 * if the organization never had an admin they become it. It runs inside the transaction that adds the
 * membership, so the roles and the membership commit or roll back together.
 *
 * <p>Exactly one first admin: the decision is taken under the organization's {@link OrgLock}, the
 * database's row lock held to commit, so the next joiner reads a committed admin; and the promotion is a
 * row of {@code PIM_ORG_FIRST_ADMIN} keyed by the organization ({@link FirstAdmins}), which the database
 * refuses twice. Joins into an organization that already has its admin and its role groups take no lock.
 * The promotion is stored as an admin event, so it shows in the admin console's admin events next to the
 * changes org admins make.
 */
final class FirstMemberRule {

    private static final Logger LOG = Logger.getLogger(FirstMemberRule.class);

    private final KeycloakSession session;
    private final OrgRoles roles;
    private final InvitedRoles invitedRoles;
    private final FirstAdmins firstAdmins;

    FirstMemberRule(KeycloakSession session, String clientId) {
        this.session = session;
        this.roles = new OrgRoles(session, clientId);
        this.invitedRoles = new InvitedRoles(session);
        this.firstAdmins = new FirstAdmins(session);
    }

    void joined(OrganizationModel organization, UserModel user) {
        Set<String> allowed = roles.allowList();
        OrganizationInvitationModel invitation = user.getEmail() == null || !KeycloakOrganizations.INVITATIONS ? null
                : session.getProvider(OrganizationProvider.class).getInvitationManager().getByEmail(organization, user.getEmail());
        Set<String> granted = new TreeSet<>(fromInvitation(organization, invitation));
        granted.retainAll(allowed);
        boolean adminRoleDefined = allowed.contains(OrgRoles.ADMIN);
        if (!adminRoleDefined) {
            LOG.warnf("Client %s has no role %s: organization %s gets no admin", roles.clientId(), OrgRoles.ADMIN,
                    organization.getId());
        }
        if (adminRoleDefined && roles.admins(organization, 1) == 0) {
            OrgLock.hold(session, organization);
            if (roles.admins(organization, 1) == 0) {
                if (firstAdmins.had(organization)) {
                    LOG.warnf("Organization %s has no admin left; user %s joins without becoming one (a realm admin "
                            + "appoints the next admin)", organization.getId(), user.getId());
                } else {
                    firstAdmins.record(organization, user, System.currentTimeMillis());
                    granted.add(OrgRoles.ADMIN);
                    LOG.infof("User %s is the first admin of organization %s", user.getId(), organization.getId());
                    recordPromotion(organization, user, granted);
                    countWhenCommitted();
                }
            }
        }
        if (granted.stream().anyMatch(role -> roles.group(organization, role).isEmpty())) {
            OrgLock.hold(session, organization);
        }
        granted.forEach(role -> roles.grant(organization, user, role));
        new JoinEvent(session).record(organization, user, invitation, granted, roles.clientId());
    }

    /** Counted once the promotion is committed: a join rolled back made no admin. */
    private void countWhenCommitted() {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                OrgMetrics.firstAdmin();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** An admin event for the promotion: resource type ORGANIZATION_MEMBERSHIP, details org_id and the person as the trail shows them. */
    private void recordPromotion(OrganizationModel organization, UserModel user, Set<String> granted) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        ClientModel client = context.getClient() != null ? context.getClient() : realm.getClientByClientId(roles.clientId());
        if (context.getConnection() == null || client == null) {
            return;
        }
        AdminEventBuilder event = new AdminEventBuilder(realm, new AdminAuth(realm, null, user, client), session,
                context.getConnection())
                .resource(ResourceType.ORGANIZATION_MEMBERSHIP)
                .operation(OperationType.UPDATE)
                .resourcePath("organizations", organization.getId(), "members", user.getId(), "roles")
                .representation(Map.of("id", user.getId(), "roles", List.copyOf(new TreeSet<>(granted))))
                .detail("org_id", organization.getId())
                .detail("org_alias", organization.getAlias())
                .detail("roles", String.join(",", new TreeSet<>(granted)))
                .detail("reason", "first_member");
        TrailDetails.target(user).forEach(event::detail);
        event.success();
    }

    private Set<String> fromInvitation(OrganizationModel organization, OrganizationInvitationModel invitation) {
        if (invitation == null) {
            return Set.of();
        }
        Set<String> invited = invitedRoles.of(organization, invitation.getId());
        invitedRoles.forget(organization, invitation.getId());
        return invited;
    }
}
