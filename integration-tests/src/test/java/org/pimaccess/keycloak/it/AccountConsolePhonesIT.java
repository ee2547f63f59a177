package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** The account console's "Signing in" page reads the account REST API; removal runs the delete_credential action. */
@PimKeycloakTest
class AccountConsolePhonesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSigningInPageListsPhonesMaskedAndTheUserRemovesOneAfterProvingAPhone(PimKeycloak keycloak) throws Exception {
        String client = Clients.passwordOnly(keycloak);
        TestUser user = TestUsers.withPhones(keycloak, 2);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(client, "password");
        signIn.password(user.username(), TestUsers.PASSWORD);
        String accessToken = (String) signIn.tokens(client, null).get("access_token");

        JsonNode phoneType = findType(credentialTypes(keycloak, accessToken), "phone");
        assertThat(phoneType.path("category").asText()).isEqualTo("two-factor");
        assertThat(phoneType.path("displayName").asText()).isEqualTo("pimPhoneCredentialDisplayName");
        assertThat(phoneType.path("removeable").asBoolean()).isTrue();
        List<String> labels = phoneType.path("userCredentialMetadatas").findValuesAsText("userLabel");
        assertThat(labels).containsExactlyInAnyOrder(
                "Phone 1 (+1 •••-•••-" + user.phones().get(0).substring(8) + ")",
                "Phone 2 (+1 •••-•••-" + user.phones().get(1).substring(8) + ")");
        String removedId = phoneType.path("userCredentialMetadatas").get(0).path("credential").path("id").asText();

        Page step = signIn.browser().openSignIn(client, null, Map.of("kc_action", "delete_credential:" + removedId));
        if (step.hasForm("pim-phone-otp-select")) {
            String keptPhoneNumber = step.phoneIds().get(0).equals(removedId) ? user.phones().get(1) : user.phones().get(0);
            int kept = step.phoneIds().get(0).equals(removedId) ? 1 : 0;
            signIn.send(step.phoneIds().get(kept), "sms");
            step = signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), keptPhoneNumber));
        }
        assertThat(signIn.browser().press("accept").isCallback()).isTrue();

        assertThat(keycloak.realm().users().get(user.id()).credentials())
                .filteredOn(c -> "phone".equals(c.getType()))
                .extracting(c -> c.getId())
                .hasSize(1)
                .doesNotContain(removedId);
    }

    private static JsonNode credentialTypes(PimKeycloak keycloak, String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = Http.client().send(
                HttpRequest.newBuilder(keycloak.baseUrl().resolve("/realms/pim/account/credentials"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode findType(JsonNode types, String type) {
        for (JsonNode node : types) {
            if (type.equals(node.path("type").asText())) {
                return node;
            }
        }
        throw new AssertionError("No credential type " + type + " in " + types);
    }
}
