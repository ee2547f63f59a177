package org.pimaccess.keycloak.organization.membership;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.pimaccess.keycloak.organization.activity.TrailDetails;

/**
 * The admin event of a join that Keycloak does not record itself: someone registering their organization,
 * or accepting an invitation ({@code CREATE} on {@code organizations/<orgId>/members/<userId>}, details
 * {@code org_id}, the person as {@link TrailDetails#target} records them, {@code roles} and, for an invitation,
 * {@code invitation_id}), by the person who joined. A realm admin's join through Keycloak's admin API is
 * recorded by Keycloak, so it is not written twice. It feeds the organization's activity trail.
 */
final class JoinEvent {

    private final KeycloakSession session;

    JoinEvent(KeycloakSession session) {
        this.session = session;
    }

    void record(OrganizationModel organization, UserModel user, OrganizationInvitationModel invitation, Set<String> granted,
            String fallbackClientId) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        ClientModel client = context.getClient() != null ? context.getClient() : realm.getClientByClientId(fallbackClientId);
        if (context.getConnection() == null || client == null || throughAdminApi(context)) {
            return;
        }
        AdminEventBuilder event = new AdminEventBuilder(realm, new AdminAuth(realm, null, user, client), session,
                context.getConnection())
                .resource(ResourceType.ORGANIZATION_MEMBERSHIP)
                .operation(OperationType.CREATE)
                .resourcePath("organizations", organization.getId(), "members", user.getId())
                .detail("org_id", organization.getId())
                .detail("org_alias", organization.getAlias())
                .detail("roles", String.join(",", new TreeSet<>(granted)));
        TrailDetails.target(user).forEach(event::detail);
        if (invitation != null) {
            event.detail("invitation_id", invitation.getId());
        }
        event.success();
    }

    private static boolean throughAdminApi(KeycloakContext context) {
        URI request = context.getUri() == null ? null : context.getUri().getRequestUri();
        return request != null && request.getPath() != null && request.getPath().contains("/admin/realms/");
    }
}
