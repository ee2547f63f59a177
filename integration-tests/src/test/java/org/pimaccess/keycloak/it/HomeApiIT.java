package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.HomeApi;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/** {@code GET /realms/pim/pim-home/api/me}: who may read it, and what it tells an org admin. */
@PimKeycloakTest
class HomeApiIT {

    @Test
    void withoutATokenOrWithABadOneMeAnswers401WithAJsonError(PimKeycloak keycloak) {
        HomeApi home = new HomeApi(keycloak);
        for (String authorization : new String[] {null, "Bearer not-a-token", "Basic YWRtaW46YWRtaW4="}) {
            Answer answer = home.me(authorization);
            assertThat(answer.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(answer.json().get("message").asText()).isNotBlank();
        }
    }

    @Test
    void aTokenThatTheApplicationPimObtainedIsRefused(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Answer answer = new HomeApi(keycloak).me("Bearer " + Tokens.phoneOtp(keycloak, user));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("error").asText()).isEqualTo("wrong_client");
        assertThat(answer.json().get("message").asText()).contains("pim-home");
    }

    @Test
    void anOrgAdminSeesTheirOrganizationAsAdminTheirPhoneMaskedAndPimWithItsRequiredAcr(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Home Api");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());

        Answer answer = new HomeApi(keycloak).me("Bearer " + Tokens.home(keycloak, admin));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode me = answer.json();
        assertThat(me.get("username").asText()).isEqualTo(admin.username());
        assertThat(me.get("name").asText()).isEqualTo("Test User");
        assertThat(me.get("acr").asText()).isEqualTo("phone-otp");
        JsonNode org = me.get("organizations").get(0);
        assertThat(org.get("id").asText()).isEqualTo(organization);
        assertThat(org.get("name").asText()).isEqualTo(name);
        assertThat(org.get("admin").asBoolean()).isTrue();
        assertThat(org.get("roles").findValuesAsText("name")).containsExactly("pim-org-admin");
        assertThat(org.get("roles").findValuesAsText("label")).containsExactly("Organization admin");
        JsonNode phone = me.get("phones").get(0);
        assertThat(phone.get("id").asText()).isNotBlank();
        assertThat(phone.get("label").asText()).isEqualTo("Phone 1");
        assertThat(phone.get("maskedNumber").asText()).isEqualTo("+1 •••-•••-" + admin.phone().substring(8));
        assertThat(List.of(phone.get("deliveryMethods").get(0).asText(), phone.get("deliveryMethods").get(1).asText()))
                .containsExactly("sms", "voice");
        assertThat(answer.body()).doesNotContain(admin.phone()).doesNotContain(admin.phone().substring(2));
        assertThat(me.get("password").get("set").asBoolean()).isTrue();
        JsonNode pim = application(me, "pim");
        assertThat(pim.get("name").asText()).isEqualTo("PIM");
        assertThat(pim.get("description").asText()).startsWith("Partner information manager");
        assertThat(pim.get("requiredAcr").asText()).isEqualTo("phone-otp");
        assertThat(pim.get("acrSatisfied").asBoolean()).isTrue();
        assertThat(me.get("applications").findValuesAsText("clientId")).doesNotContain("pim-home", "account");
    }

    @Test
    void aPasswordOnlySessionGetsTheNameAndTheLevelToRaiseToButNoEmailPhoneOrOrganization(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Home Password");
        String organization = orgs.create(name);
        TestUser user = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, user.id());

        Answer answer = new HomeApi(keycloak).me("Bearer " + Tokens.homePasswordOnly(keycloak, user));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode me = answer.json();
        assertThat(me.get("acr").asText()).isEqualTo("password");
        assertThat(me.get("name").asText()).isEqualTo("Test User");
        assertThat(me.get("raiseTo").asText()).isEqualTo("phone-otp");
        assertThat(me.path("email").isMissingNode()).as(me.toString()).isTrue();
        assertThat(me.path("username").isMissingNode()).isTrue();
        assertThat(me.path("password").isMissingNode()).isTrue();
        assertThat(me.get("organizations")).isEmpty();
        assertThat(me.get("phones")).isEmpty();
        assertThat(me.get("passkeys")).isEmpty();
        assertThat(me.get("applications")).isEmpty();
        assertThat(answer.body()).doesNotContain(user.username(), "@example.test", organization, name, "pim-org-admin",
                user.phone().substring(8), "•••");
        assertThat(new HomeApi(keycloak).me("Bearer " + Tokens.home(keycloak, user)).json().path("raiseTo").isMissingNode())
                .as("phone OTP shows the rest").isTrue();
    }

    @Test
    void namesAndRolesFollowThePersonsLanguage(PimKeycloak keycloak) {
        Orgs orgs = new Orgs(keycloak);
        String organization = orgs.create(Orgs.uniqueName("Heim"));
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        UserRepresentation user = keycloak.realm().users().get(admin.id()).toRepresentation();
        user.setAttributes(Map.of("locale", List.of("de")));
        keycloak.realm().users().get(admin.id()).update(user);

        JsonNode me = new HomeApi(keycloak).me("Bearer " + Tokens.home(keycloak, admin)).json();

        assertThat(me.get("locale").asText()).isEqualTo("de");
        assertThat(me.get("organizations").get(0).get("roles").findValuesAsText("label")).containsExactly("Organisationsadministrator");
        assertThat(application(me, "pim").get("description").asText()).startsWith("Partner-Informationsmanager");
    }

    @Test
    void thePageTextsComeInEnglishGermanAndFrenchAndUnknownCallsAreJson404s(PimKeycloak keycloak) {
        HomeApi home = new HomeApi(keycloak);
        assertThat(home.get("api/messages", null, "en").json().at("/messages/pimHome.strength.phone-otp").asText())
                .isEqualTo("Phone OTP");
        assertThat(home.get("api/messages?locale=de", null, "en").json().at("/messages/pimHome.open").asText())
                .isEqualTo("Anwendung öffnen");
        JsonNode french = home.get("api/messages", null, "fr-FR,fr;q=0.9").json();
        assertThat(french.get("locale").asText()).isEqualTo("fr");
        assertThat(french.at("/messages/pimHome.signOut").asText()).isEqualTo("Se déconnecter");
        assertThat(home.get("api/messages?locale=xx", null, "en").json().get("locale").asText()).isEqualTo("en");

        Answer unknown = home.get("api/nothing-here", null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        assertThat(home.get("../pim-home/secret.properties", null, null).status()).isEqualTo(404);
    }

    @Test
    void thePageComesWithAStrictContentSecurityPolicyAndNoFraming(PimKeycloak keycloak) throws Exception {
        HttpResponse<String> page = Http.client().send(HttpRequest.newBuilder(
                keycloak.baseUrl().resolve("/realms/pim/pim-home/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>").doesNotContain("<script>");
    }

    private static JsonNode application(JsonNode me, String clientId) {
        for (JsonNode application : me.get("applications")) {
            if (clientId.equals(application.get("clientId").asText())) {
                return application;
            }
        }
        throw new AssertionError("No application " + clientId + " in " + me);
    }
}
