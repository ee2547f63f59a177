package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Pkce;

/**
 * The clients in {@code realm-export.json} hold no more than they need: exact redirect URIs, web
 * origins and post-logout addresses with no wildcard, and no org-admin audience for the home page.
 */
@PimKeycloakTest
class ShippedClientsIT {

    @Test
    void everyShippedClientListsExactAbsoluteAddressesAndNoWildcard() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Path.of(System.getProperty("pim.realm.export")).toFile());
        List<String> wrong = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            String clientId = client.path("clientId").asText();
            List<String> addresses = new ArrayList<>();
            client.path("redirectUris").forEach(uri -> addresses.add(uri.asText()));
            client.path("webOrigins").forEach(origin -> addresses.add(origin.asText()));
            String afterLogout = client.path("attributes").path("post.logout.redirect.uris").asText("");
            if (!afterLogout.isEmpty()) {
                addresses.addAll(List.of(afterLogout.split("##")));
            }
            for (String address : addresses) {
                if (address.contains("*") || address.equals("+") || address.equals("-")
                        || !address.matches("https?://[^/*]+(/[^*]*)?")) {
                    wrong.add(clientId + ": " + address);
                }
            }
        }
        assertThat(wrong).as("wildcards, '+' or relative addresses in realm-export.json").isEmpty();

        JsonNode pim = client(realm, "pim");
        assertThat(pim.path("redirectUris").toString()).isEqualTo("[\"http://localhost:8090/login/oauth2/code/pim\"]");
        assertThat(pim.path("webOrigins").toString()).isEqualTo("[\"http://localhost:8090\"]");
        assertThat(pim.path("attributes").path("post.logout.redirect.uris").asText())
                .isEqualTo("http://localhost:8080/realms/pim/pim-home/");
        JsonNode home = client(realm, "pim-home");
        assertThat(home.path("redirectUris").toString()).isEqualTo("[\"http://localhost:8080/realms/pim/pim-home/\"]");
        assertThat(home.path("defaultClientScopes").toString()).doesNotContain("pim-org-admin-api");
        assertThat(home.path("optionalClientScopes").toString()).doesNotContain("pim-org-admin-api");
    }

    @Test
    void aHomeTokenHasNoOrgAdminAudienceAndTheOrgAdminApiRefusesIt(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Home token");
        String homeToken = Tokens.home(keycloak, org.admin());

        assertThat(String.valueOf(Tokens.claims(homeToken).get("aud"))).doesNotContain("pim-org-admin");
        OrgAdminApi api = new OrgAdminApi(keycloak);
        assertThat(api.get("organizations", homeToken).status()).isEqualTo(401);
        assertThat(api.get(org.path("members"), homeToken).status()).isEqualTo(401);
        assertThat(api.get(org.path("members"), org.adminToken()).status()).as("the org-admin caller's token").isEqualTo(200);
    }

    @Test
    void theHomeClientSendsCodesOnlyToTheHomePageItself(PimKeycloak keycloak) throws Exception {
        String home = keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
        assertThat(authorize(keycloak, "pim-home", home).statusCode()).as("the home page").isEqualTo(200);
        for (String elsewhere : List.of(home + "other", home + "api/me", home + "../pim-org-admin/ui/",
                keycloak.baseUrl().resolve("/realms/pim/account/").toString())) {
            HttpResponse<String> answer = authorize(keycloak, "pim-home", elsewhere);
            assertThat(answer.statusCode()).as(elsewhere).isEqualTo(400);
            assertThat(answer.body()).as(elsewhere).contains("redirect_uri");
        }
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in realm-export.json");
    }

    private static HttpResponse<String> authorize(PimKeycloak keycloak, String clientId, String redirectUri) throws Exception {
        URI uri = URI.create(keycloak.baseUrl().resolve("/realms/pim/protocol/openid-connect/auth") + "?client_id=" + clientId
                + "&response_type=code&scope=openid&state=s&code_challenge_method=S256&code_challenge="
                + Pkce.challenge(Pkce.verifier()) + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
        return Http.client().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
