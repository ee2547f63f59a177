package org.pimaccess.keycloak.release;

import java.util.Arrays;

import org.jboss.logging.Logger;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.DefaultClientScopes;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The realm attribute {@value #ATTRIBUTE} on Keycloak 26.4 and 26.5. From 26.6 a realm imported with its own
 * client scopes gets Keycloak's default ones too (acr, basic, profile, ...) when that attribute is true, which is
 * how {@code realm-export.json} keeps its file to the pack's two scopes. Before 26.6 Keycloak ignores the attribute:
 * the realm has only the file's scopes, and tokens carry no {@code acr} claim. On those builds this listener
 * does, once the realm is imported, what 26.6 does during the import: it creates Keycloak's default client scopes
 * and gives them to the realm's clients, then drops the attribute.
 */
final class DefaultClientScopesOnImport implements ProviderEventListener {

    /** The name Keycloak 26.6 and later read ({@code Constants.CREATE_DEFAULT_CLIENT_SCOPES}). */
    static final String ATTRIBUTE = "CreateDefaultClientScopes";

    private static final Logger LOG = Logger.getLogger(DefaultClientScopesOnImport.class);

    /** Whether the running Keycloak reads the attribute itself. */
    static boolean keycloakHonoursIt() {
        return Arrays.stream(Constants.class.getFields()).anyMatch(field -> field.getName().equals("CREATE_DEFAULT_CLIENT_SCOPES"));
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created
                && Boolean.parseBoolean(created.getCreatedRealm().getAttribute(ATTRIBUTE))) {
            RealmModel realm = created.getCreatedRealm();
            DefaultClientScopes.createDefaultClientScopes(created.getKeycloakSession(), realm, true);
            realm.removeAttribute(ATTRIBUTE);
            LOG.infof("Realm %s: created Keycloak's default client scopes, as its attribute %s asks", realm.getName(), ATTRIBUTE);
        }
    }
}
