package org.pimaccess.keycloak.organization.membership;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel.OrganizationMemberJoinEvent;
import org.keycloak.models.OrganizationModel.OrganizationMemberLeaveEvent;
import org.keycloak.models.OrganizationModel.OrganizationRemovedEvent;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.pimaccess.keycloak.organization.OrgRoles;

/**
 * Event listener {@code pim-org-admin}. Enabled in a realm's event listeners, it turns on the
 * organization rules for that realm: on every join the first member of an admin-less organization
 * becomes its admin and invitees get the roles their invitation named ({@link FirstMemberRule}, run
 * from Keycloak's {@link OrganizationMemberJoinEvent}, whichever way the member joined). The listener
 * itself forgets an invitation's roles when a realm admin deletes the invitation. A member who leaves
 * loses their roles in that organization, and a deleted organization's role groups go with it.
 *
 * <p>Option {@code client-id} (default {@code pim}): the client whose roles organizations assign.
 */
public class PimOrgAdminEventListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "pim-org-admin";
    static final String CLIENT_ID = "client-id";
    static final String DEFAULT_CLIENT_ID = "pim";

    private String clientId = DEFAULT_CLIENT_ID;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PimOrgAdminEventListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        clientId = config.get(CLIENT_ID, DEFAULT_CLIENT_ID);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof OrganizationMemberJoinEvent join && enabledIn(join.getSession())) {
                new FirstMemberRule(join.getSession(), clientId).joined(join.getOrganization(), join.getUser());
            } else if (event instanceof OrganizationMemberLeaveEvent leave && enabledIn(leave.getSession())
                    && stillExists(leave.getSession(), leave.getUser())) {
                new OrgRoles(leave.getSession(), clientId).revokeAll(leave.getOrganization(), leave.getUser());
            } else if (event instanceof OrganizationRemovedEvent removed && enabledIn(removed.getKeycloakSession())) {
                new OrgRoles(removed.getKeycloakSession(), clientId).removeGroups(removed.getOrganization());
            }
        });
    }

    /** The client whose roles organizations assign; the org-admin API reads it from here. */
    public String clientId() {
        return clientId;
    }

    private static boolean enabledIn(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        return realm != null && realm.getEventsListenersStream().anyMatch(ID::equals);
    }

    /** A managed member's account is deleted when they leave; their group memberships went with it. */
    private static boolean stillExists(KeycloakSession session, UserModel user) {
        return session.users().getUserById(session.getContext().getRealm(), user.getId()) != null;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENT_ID).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_CLIENT_ID)
                .helpText("Client whose client roles organizations assign to their members; its role "
                        + "pim-org-admin makes an organization admin.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(CLIENT_ID, clientId);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
