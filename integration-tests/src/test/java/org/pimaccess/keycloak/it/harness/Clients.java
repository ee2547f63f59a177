package org.pimaccess.keycloak.it.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.pimaccess.keycloak.it.pages.Browser;

/** Relying parties besides {@code pim} that tests need, created once through the admin API. */
public final class Clients {

    private static final String LOOPBACK_CALLBACKS = "http://127.0.0.1/*";
    private static final String POST_LOGOUT = "post.logout.redirect.uris";
    private static final String MINIMUM_ACR = "minimum.acr.value";

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

    /**
     * Client {@code pim} as shipped accepts only PIM (demo) on port 8090. The tests' own stand-ins for an
     * application ({@link Browser#CALLBACK}, {@code PimRelyingParty}) run on loopback ports: here {@code pim}
     * also accepts those, for sign-in and sign-out.
     */
    static void pimAcceptsTestCallbacks(RealmResource realm) {
        changePim(realm, pim -> {
            pim.getRedirectUris().add(LOOPBACK_CALLBACKS);
            pim.getAttributes().merge(POST_LOGOUT, "+", (shipped, plus) -> shipped + "##" + plus);
        });
    }

    /**
     * Client {@code pim} opens PIM (demo) at this address (Home URL), accepts its redirect URI and sends
     * its sign-out back to this server's home; closing restores the Home URL.
     */
    public static AutoCloseable pimOpensDemo(PimKeycloak keycloak, PimDemo demo) {
        String before = keycloak.realm().clients().findByClientId("pim").get(0).getBaseUrl();
        String home = keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
        changePim(keycloak.realm(), pim -> {
            pim.setBaseUrl(demo.url("/"));
            pim.getRedirectUris().add(demo.redirectUri());
            pim.getAttributes().merge(POST_LOGOUT, home, (shipped, added) -> shipped + "##" + added);
        });
        return () -> changePim(keycloak.realm(), pim -> pim.setBaseUrl(before));
    }

    /**
     * Client {@code pim} without its minimum ACR, as a realm admin might misconfigure it, for the length
     * of a test: then Keycloak honours whatever {@code acr_values} the browser sends.
     */
    public static AutoCloseable pimWithoutMinimumAcr(PimKeycloak keycloak) {
        String before = keycloak.realm().clients().findByClientId("pim").get(0).getAttributes().get(MINIMUM_ACR);
        changePim(keycloak.realm(), pim -> pim.getAttributes().put(MINIMUM_ACR, ""));
        return () -> changePim(keycloak.realm(), pim -> pim.getAttributes().put(MINIMUM_ACR, before));
    }

    private static synchronized void changePim(RealmResource realm, Consumer<ClientRepresentation> change) {
        ClientRepresentation pim = realm.clients().findByClientId("pim").get(0);
        pim.setRedirectUris(new ArrayList<>(pim.getRedirectUris()));
        pim.setAttributes(new HashMap<>(pim.getAttributes()));
        change.accept(pim);
        realm.clients().get(pim.getId()).update(pim);
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
