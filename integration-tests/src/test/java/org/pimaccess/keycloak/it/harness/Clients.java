package org.pimaccess.keycloak.it.harness;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;

/** Relying parties besides {@code pim} that tests need, created once through the admin API. */
public final class Clients {

    /** A public client that asks for nothing above the password. */
    public static final String PASSWORD_ONLY = "password-only-app";
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

    public static synchronized String orgAdminCaller(PimKeycloak keycloak) {
        if (keycloak.realm().clients().findByClientId(ORG_ADMIN_CALLER).isEmpty()) {
            String id;
            try (Response created = keycloak.realm().clients().create(publicClient(ORG_ADMIN_CALLER))) {
                id = CreatedResponseUtil.getCreatedId(created);
            }
            String scope = keycloak.realm().clientScopes().findAll().stream()
                    .filter(candidate -> "pim-org-admin-api".equals(candidate.getName()))
                    .map(ClientScopeRepresentation::getId).findFirst()
                    .orElseThrow(() -> new IllegalStateException("realm pim has no client scope pim-org-admin-api"));
            keycloak.realm().clients().get(id).addDefaultClientScope(scope);
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
