package org.pimaccess.keycloak.it.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.pimaccess.keycloak.it.pages.Browser;

/** Relying parties besides {@code pim} that tests need, created once through the admin API. */
public final class Clients {

    /** A public client that asks for nothing above the password. */
    public static final String PASSWORD_ONLY = "password-only-app";
    /** The home dashboard's public client, from realm-export.json. */
    public static final String HOME = "pim-home";

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
}
