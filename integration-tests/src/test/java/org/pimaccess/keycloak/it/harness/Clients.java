package org.pimaccess.keycloak.it.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.pimaccess.keycloak.it.pages.Browser;

/** Relying parties besides {@code pim} that tests need, created once through the admin API. */
public final class Clients {

    /** A public client that asks for nothing above the password. */
    public static final String PASSWORD_ONLY = "password-only-app";
    /** The home dashboard's public client, from realm-export.json. */
    public static final String HOME = "pim-home";

    /**
     * A public client that calls the org-admin API the way the README tells operators to set one up: it
     * has the client scope {@code pim-org-admin-api}. It asks for no acr itself, so a sign-in picks one.
     */
    public static final String ORG_ADMIN_CALLER = "org-admin-caller";

    private Clients() {
    }

    public static synchronized String passwordOnly(PimKeycloak keycloak) {
        if (keycloak.realm().clients().findByClientId(PASSWORD_ONLY).isEmpty()) {
            keycloak.realm().clients().create(publicClient(PASSWORD_ONLY)).close();
        }
        return PASSWORD_ONLY;
    }

    /**
     * Client {@code pim-home}, also accepting the tests' callback address, so that a test can sign in
     * through it over HTTP and hold the token the home page would hold.
     */
    public static synchronized String homeWithTestCallback(PimKeycloak keycloak) {
        ClientRepresentation home = keycloak.realm().clients().findByClientId(HOME).get(0);
        if (!home.getRedirectUris().contains(Browser.CALLBACK)) {
            ClientResource resource = keycloak.realm().clients().get(home.getId());
            home.setRedirectUris(new ArrayList<>(home.getRedirectUris()));
            home.getRedirectUris().add(Browser.CALLBACK);
            resource.update(home);
        }
        return HOME;
    }

    public static String orgAdminCaller(PimKeycloak keycloak) {
        return orgAdminCaller(keycloak.realm());
    }

    /** As {@link #orgAdminCaller(PimKeycloak)}, in this realm (for example one in a container). */
    public static synchronized String orgAdminCaller(RealmResource realm) {
        if (realm.clients().findByClientId(ORG_ADMIN_CALLER).isEmpty()) {
            String id;
            try (Response created = realm.clients().create(publicClient(ORG_ADMIN_CALLER))) {
                id = CreatedResponseUtil.getCreatedId(created);
            }
            String scope = realm.clientScopes().findAll().stream()
                    .filter(candidate -> "pim-org-admin-api".equals(candidate.getName()))
                    .map(ClientScopeRepresentation::getId).findFirst()
                    .orElseThrow(() -> new IllegalStateException("realm pim has no client scope pim-org-admin-api"));
            realm.clients().get(id).addDefaultClientScope(scope);
        }
        return ORG_ADMIN_CALLER;
    }

    private static ClientRepresentation publicClient(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of("http://127.0.0.1/*"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        return client;
    }
}
