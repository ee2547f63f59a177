package org.pimaccess.keycloak.it.harness;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.pimaccess.keycloak.it.pages.Browser;

/**
 * Relying parties besides {@code pim} that tests need, created once through the admin API, and the
 * exact addresses the shipped clients accept on the tests' server. {@code realm-export.json} lists the
 * run server's addresses ({@code http://localhost:8080/...}, and {@code pim}'s demo app on 8090) and no
 * wildcard; the tests' server and relying parties run on free ports, so their addresses are added here,
 * exactly, as an operator puts in their own hostname.
 */
public final class Clients {

    /** The application client, from realm-export.json. */
    public static final String PIM = "pim";
    /** The org-admin page's public client, from realm-export.json. */
    public static final String ORG_ADMIN_UI = "pim-org-admin-ui";
    private static final String LOOPBACK_CALLBACKS = "http://127.0.0.1/*";
    private static final String POST_LOGOUT = "post.logout.redirect.uris";
    private static final String MINIMUM_ACR = "minimum.acr.value";
    private static final String BACK_CHANNEL_LOGOUT = "backchannel.logout.url";

    /** A public client that asks for nothing above the password. */
    public static final String PASSWORD_ONLY = "password-only-app";
    /** A public client that turned trusted browsers off. */
    public static final String NO_TRUSTED_BROWSERS = "no-trusted-browsers-app";
    /** The home dashboard's public client, from realm-export.json. */
    public static final String HOME = "pim-home";

    /**
     * A public client that calls the org-admin API the way the README tells operators to set one up: it
     * has the client scope {@code pim-org-admin-api}. It asks for no acr itself, so a sign-in picks one.
     */
    public static final String ORG_ADMIN_CALLER = "org-admin-caller";

    private Clients() {
    }

    /**
     * At set-up: {@code pim-home} and {@code pim-org-admin-ui} accept their pages on the tests' server
     * (by name and by loopback address), and {@code pim} the tests' callback.
     */
    public static void acceptTestServer(RealmResource realm, URI baseUrl) {
        for (String host : List.of(baseUrl.getHost(), "127.0.0.1")) {
            String origin = baseUrl.getScheme() + "://" + host + ":" + baseUrl.getPort();
            accept(realm, HOME, origin + "/realms/pim/pim-home/", origin);
            accept(realm, ORG_ADMIN_UI, origin + "/realms/pim/pim-org-admin/ui/", origin);
        }
        accept(realm, PIM, Browser.CALLBACK, null);
    }

    /** Client {@code pim} also accepts this relying party's callback and its page after sign-out. */
    public static synchronized void pimAccepts(PimKeycloak keycloak, String callback, String afterLogout) {
        accept(keycloak.realm(), PIM, callback, null);
        ClientResource resource = resource(keycloak.realm(), PIM);
        ClientRepresentation pim = resource.toRepresentation();
        pim.getAttributes().put(POST_LOGOUT, joined(pim.getAttributes().get(POST_LOGOUT), afterLogout));
        resource.update(pim);
    }

    /** Adds an exact redirect URI (also allowed after sign-out) and, when not null, a web origin. */
    private static synchronized void accept(RealmResource realm, String clientId, String redirectUri, String origin) {
        ClientResource resource = resource(realm, clientId);
        ClientRepresentation client = resource.toRepresentation();
        Set<String> redirects = new LinkedHashSet<>(client.getRedirectUris());
        redirects.add(redirectUri);
        client.setRedirectUris(new ArrayList<>(redirects));
        if (origin != null) {
            Set<String> origins = new LinkedHashSet<>(client.getWebOrigins());
            origins.add(origin);
            client.setWebOrigins(new ArrayList<>(origins));
            client.getAttributes().put(POST_LOGOUT, joined(client.getAttributes().get(POST_LOGOUT), redirectUri));
        }
        resource.update(client);
    }

    private static ClientResource resource(RealmResource realm, String clientId) {
        return realm.clients().get(realm.clients().findByClientId(clientId).get(0).getId());
    }

    /** Keycloak keeps several post-logout redirect URIs in one attribute, separated by {@code ##}. */
    private static String joined(String existing, String uri) {
        Set<String> uris = new LinkedHashSet<>();
        if (existing != null && !existing.isBlank()) {
            uris.addAll(List.of(existing.split("##")));
        }
        uris.add(uri);
        return String.join("##", uris);
    }

    public static synchronized String passwordOnly(PimKeycloak keycloak) {
        if (keycloak.realm().clients().findByClientId(PASSWORD_ONLY).isEmpty()) {
            keycloak.realm().clients().create(publicClient(PASSWORD_ONLY)).close();
        }
        return PASSWORD_ONLY;
    }

    /** A public client with attribute {@code pim.trusted-browsers=false}: it always asks the code. */
    public static synchronized String withoutTrustedBrowsers(PimKeycloak keycloak) {
        if (keycloak.realm().clients().findByClientId(NO_TRUSTED_BROWSERS).isEmpty()) {
            ClientRepresentation client = publicClient(NO_TRUSTED_BROWSERS);
            client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "pim.trusted-browsers", "false"));
            keycloak.realm().clients().create(client).close();
        }
        return NO_TRUSTED_BROWSERS;
    }

    /**
     * Client {@code pim-home}, also accepting the tests' callback address, so that a test can sign in
     * through it over HTTP and hold the token the home page would hold.
     */
    public static synchronized String homeWithTestCallback(PimKeycloak keycloak) {
        accept(keycloak.realm(), HOME, Browser.CALLBACK, null);
        return HOME;
    }

    /**
     * Client {@code pim} as shipped accepts only PIM (demo) on port 8090. The tests' own stand-ins for an
     * application ({@link Browser#CALLBACK}, {@code PimRelyingParty}) run on loopback ports: here {@code pim}
     * also accepts those, for sign-in and sign-out. Its back-channel logout URL, as shipped PIM (demo) on port
     * 8090, is cleared: the tests' server must not post logout tokens to whatever runs there.
     */
    static void pimAcceptsTestCallbacks(RealmResource realm) {
        changePim(realm, pim -> {
            pim.getRedirectUris().add(LOOPBACK_CALLBACKS);
            pim.getAttributes().merge(POST_LOGOUT, "+", (shipped, plus) -> shipped + "##" + plus);
            pim.getAttributes().put(BACK_CHANNEL_LOGOUT, "");
        });
    }

    /**
     * Client {@code pim} opens PIM (demo) at this address (Home URL), accepts its redirect URI, sends its
     * sign-out back to this server's home and its back-channel logout to the demo; closing restores the Home
     * URL and the back-channel logout URL.
     */
    public static AutoCloseable pimOpensDemo(PimKeycloak keycloak, PimDemo demo) {
        ClientRepresentation shipped = keycloak.realm().clients().findByClientId("pim").get(0);
        String before = shipped.getBaseUrl();
        String backChannelBefore = shipped.getAttributes().getOrDefault(BACK_CHANNEL_LOGOUT, "");
        String home = keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
        changePim(keycloak.realm(), pim -> {
            pim.setBaseUrl(demo.url("/"));
            pim.getRedirectUris().add(demo.redirectUri());
            pim.getAttributes().merge(POST_LOGOUT, home, (existing, added) -> existing + "##" + added);
            pim.getAttributes().put(BACK_CHANNEL_LOGOUT, demo.backChannelLogoutUri());
        });
        return () -> changePim(keycloak.realm(), pim -> {
            pim.setBaseUrl(before);
            pim.getAttributes().put(BACK_CHANNEL_LOGOUT, backChannelBefore);
        });
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
        client.setRedirectUris(List.of(Browser.CALLBACK));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        return client;
    }
}
