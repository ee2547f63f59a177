package org.pimaccess.keycloak.organization.membership;

import java.util.List;
import java.util.Optional;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.organization.OrganizationProvider;
import org.pimaccess.keycloak.organization.InvitedRoles;
import org.pimaccess.keycloak.organization.RealmLookup;

/** Forgets an invitation's roles when a realm admin deletes the invitation in the admin console. */
final class DeletedInvitationListener implements EventListenerProvider {

    private final KeycloakSession session;

    DeletedInvitationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        // User events carry nothing for this listener; joins arrive as model events ({@link MembershipRules}).
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.ORGANIZATION_MEMBERSHIP || event.getOperationType() != OperationType.DELETE) {
            return;
        }
        DeletedInvitation.of(event.getResourcePath()).ifPresent(deleted -> {
            new RealmLookup(session.getProvider(OrganizationProvider.class)).organization(deleted.organizationId())
                    .ifPresent(organization -> new InvitedRoles(session).forget(organization, deleted.invitationId()));
        });
    }

    @Override
    public void close() {
    }

    /** Reads {@code organizations/<orgId>/.../invitations/<invitationId>} from an admin event's path. */
    record DeletedInvitation(String organizationId, String invitationId) {

        static Optional<DeletedInvitation> of(String resourcePath) {
            if (resourcePath == null) {
                return Optional.empty();
            }
            List<String> parts = List.of(resourcePath.split("/"));
            int org = parts.indexOf("organizations");
            int invitations = parts.lastIndexOf("invitations");
            if (org < 0 || invitations <= org + 1 || invitations + 2 != parts.size()) {
                return Optional.empty();
            }
            return Optional.of(new DeletedInvitation(parts.get(org + 1), parts.get(invitations + 1)));
        }
    }
}
