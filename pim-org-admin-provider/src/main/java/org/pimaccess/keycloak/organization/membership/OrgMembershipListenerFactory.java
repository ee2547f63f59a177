package org.pimaccess.keycloak.organization.membership;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.pimaccess.keycloak.organization.OrgSettings;

/**
 * Event listener {@code pim-org-admin}. Enabled in a realm's event listeners, it turns on the
 * organization rules for that realm ({@link MembershipRules}: the first member becomes admin, roles
 * follow joins and leaves), and its provider ({@link DeletedInvitationListener}) forgets an invitation's
 * roles when a realm admin deletes the invitation.
 *
 * <p>Option {@code client-id} (default {@code pim}): the client whose roles organizations assign; the
 * module's other providers read it through {@link OrgSettings}.
 */
public class OrgMembershipListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "pim-org-admin";

    private OrgSettings settings;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new DeletedInvitationListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        settings = OrgSettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new MembershipRules(settings));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(OrgSettings.CLIENT_ID).type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(OrgSettings.DEFAULT_CLIENT_ID).helpText(OrgSettings.CLIENT_ID_HELP)
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(OrgSettings.CLIENT_ID, settings.clientId());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
