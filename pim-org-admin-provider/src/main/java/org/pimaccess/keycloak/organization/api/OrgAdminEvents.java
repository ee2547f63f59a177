package org.pimaccess.keycloak.organization.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.pimaccess.keycloak.organization.activity.TrailDetails;

/**
 * Keycloak admin events for every change made through the API: resource type
 * {@code ORGANIZATION_MEMBERSHIP}, the path names the organization and the member or invitation, and the
 * details carry the organization, the acting admin and what the call adds (for a member, who they are at this
 * moment: {@link TrailDetails#target}). They are stored like the admin console's own events (realm setting
 * "Save admin events"), and the activity trail shows them as recorded.
 */
final class OrgAdminEvents {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;

    OrgAdminEvents(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
    }

    void send(OperationType operation, OrganizationModel organization, Map<String, String> details, Object representation,
            String... path) {
        AdminEventBuilder event = new AdminEventBuilder(realm,
                new AdminAuth(realm, caller.token(), caller.user(), caller.client()), session,
                session.getContext().getConnection())
                .resource(ResourceType.ORGANIZATION_MEMBERSHIP)
                .operation(operation)
                .resourcePath(path)
                .representation(representation)
                .detail("org_id", organization.getId())
                .detail("org_alias", organization.getAlias());
        TrailDetails.actor(caller.user()).forEach(event::detail);
        details.forEach(event::detail);
        event.success();
    }

    /** The member the event is about, as they are now, followed by what the call adds. */
    static Map<String, String> about(UserModel member, Map<String, String> more) {
        Map<String, String> details = new LinkedHashMap<>(TrailDetails.target(member));
        details.putAll(more);
        return details;
    }

    static String joined(Collection<String> roles) {
        return String.join(",", roles);
    }
}
