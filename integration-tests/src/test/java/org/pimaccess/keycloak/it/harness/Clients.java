package org.pimaccess.keycloak.it.harness;

import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.ClientRepresentation;

/** Relying parties besides {@code pim} that tests need, created once through the admin API. */
public final class Clients {

    /** A public client that asks for nothing above the password. */
    public static final String PASSWORD_ONLY = "password-only-app";

    private Clients() {
    }

    public static synchronized String passwordOnly(PimKeycloak keycloak) {
        if (keycloak.realm().clients().findByClientId(PASSWORD_ONLY).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(PASSWORD_ONLY);
            client.setPublicClient(true);
            client.setStandardFlowEnabled(true);
            client.setRedirectUris(List.of("http://127.0.0.1/*"));
            client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
            keycloak.realm().clients().create(client).close();
        }
        return PASSWORD_ONLY;
    }
}
