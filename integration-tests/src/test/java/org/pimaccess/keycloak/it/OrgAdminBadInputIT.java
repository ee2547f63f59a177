package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;

/** Whatever is sent, the answer is one of the documented JSON errors, never a 500. */
@PimKeycloakTest
class OrgAdminBadInputIT {

    @Test
    void malformedEmailsAre400InvalidEmail(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Bad emails");
        List<String> bad = new ArrayList<>(List.of("", "   ", "not-an-email", "a@", "@example.test", "a b@example.test",
                "a@@example.test", "<script>@example.test", "x".repeat(300) + "@example.test"));
        for (String email : bad) {
            Map<String, Object> body = new HashMap<>();
            body.put("email", email);
            body.put("roles", List.of("pim-viewer"));
            assertError(api.post(org.path("invitations"), org.adminToken(), body), 400, "invalid_email");
        }
        assertError(api.post(org.path("invitations"), org.adminToken(), Map.of("roles", List.of())), 400, "invalid_email");
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();
    }

    @Test
    void unknownOrganizationsMembersAndInvitationsAre404(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Unknowns");
        String stranger = TestUsers.withoutPhone(keycloak).id();
        String random = UUID.randomUUID().toString();
        Map<String, Object> roles = Map.of("roles", List.of("pim-viewer"));

        assertError(api.get("organizations/" + random + "/members", org.adminToken()), 404, "organization_not_found");
        for (String userId : List.of(random, stranger, "not-a-uuid", "x".repeat(200))) {
            assertError(api.put(org.path("members/" + userId + "/roles"), org.adminToken(), roles), 404, "member_not_found");
            assertError(api.delete(org.path("members/" + userId), org.adminToken()), 404, "member_not_found");
        }
        assertError(api.delete(org.path("invitations/" + random), org.adminToken()), 404, "invitation_not_found");
    }

    @Test
    void oversizedBodiesWrongContentTypesAndBrokenJsonAre400(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Bad bodies");
        String member = org.addMember(keycloak).id();
        String rolesPath = org.path("members/" + member + "/roles");
        String token = org.adminToken();

        String twoMegabytes = "{\"roles\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}";
        assertError(api.call("PUT", rolesPath, token, "application/json", twoMegabytes), 400, "body_too_large");
        assertError(api.call("POST", org.path("invitations"), token, "application/json", twoMegabytes), 400, "body_too_large");

        String valid = "{\"roles\":[\"pim-viewer\"]}";
        // A Content-Type that does not parse at all is not in this list: Keycloak's own security-headers
        // filter fails on it with a 500 for every endpoint, before and after any provider (see the README).
        for (String contentType : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "application/xml",
                "application/json-patch+xml"}) {
            assertError(api.call("PUT", rolesPath, token, contentType, valid), 400, "unsupported_content_type");
        }
        for (String broken : List.of("", "{", "[]", "\"pim-viewer\"", "{\"roles\":\"pim-viewer\"}", "{\"roles\":[1,{}]}",
                "{\"roles\":null}", "null")) {
            Answer answer = api.call("PUT", rolesPath, token, "application/json", broken);
            assertThat(answer.status()).as(broken + " -> " + answer).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(broken).isIn("invalid_json", "unknown_role");
        }
        assertError(api.call("PUT", rolesPath, token, "application/json", "{\"roles\":[null]}"), 400, "unknown_role");
    }

    @Test
    void badPagingIs400(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Paging");
        for (String query : List.of("first=-1", "max=0x10", "max=101", "max=-5", "first=abc", "max=99999999999")) {
            assertError(api.get(org.path("members?" + query), org.adminToken()), 400, "invalid_paging");
        }
        org.addMember(keycloak);
        assertThat(api.get(org.path("members?first=0&max=1"), org.adminToken()).json()).hasSize(1);
        assertThat(api.get(org.path("members?first=1&max=100"), org.adminToken()).json()).hasSize(1);
        assertThat(api.get(org.path("members?first=2"), org.adminToken()).json()).isEmpty();
    }

    private static void assertError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).as(answer.toString()).isNotBlank();
    }
}
