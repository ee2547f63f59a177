package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/**
 * Who may call the org-admin API: every endpoint, every kind of caller. Only tokens issued for the API
 * (audience {@code pim-org-admin}, from a client with the client scope {@code pim-org-admin-api}) count:
 * an org admin's own token for the relying party {@code pim} is refused everywhere.
 */
@PimKeycloakTest
class OrgAdminAccessIT {

    /** One call of the API, made by whoever holds {@code token}. */
    private record Endpoint(String name, int success, Function<String, Answer> call) {
    }

    @Test
    void onlyAnAdminOfThatOrganizationWithAPhoneOtpTokenForTheApiMayReadOrChangeIt(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Callers");
        OrgFixture other = OrgFixture.create(keycloak, "Elsewhere");
        TestUser member = org.addMember(keycloak);
        TestUser removable = org.addMember(keycloak);
        String memberToken = Tokens.orgAdmin(keycloak, member);
        String passwordAdminToken = Tokens.orgAdminPasswordOnly(keycloak, org.admin());
        assertThat(Tokens.claims(passwordAdminToken)).containsEntry("acr", "password");
        String pimToken = Tokens.phoneOtp(keycloak, org.admin());
        assertThat(Tokens.claims(pimToken)).containsEntry("acr", "phone-otp");
        assertThat(Tokens.rolesIn(Tokens.claims(pimToken), org.alias())).contains("pim-org-admin");
        // Before Keycloak 26.5 there are no stored invitations: inviting answers 501 and nothing can be revoked.
        boolean invitations = keycloak.keycloakAtLeast(26, 5);
        String revocable = invitations ? api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", "revoke-" + UUID.randomUUID() + "@example.test", "roles", List.of())).json().path("id").asText()
                : UUID.randomUUID().toString();

        List<Endpoint> endpoints = List.of(
                new Endpoint("list members", 200, token -> api.get(org.path("members"), token)),
                new Endpoint("invite", invitations ? 201 : 501, token -> api.post(org.path("invitations"), token,
                        Map.of("email", "invitee-" + UUID.randomUUID() + "@example.test", "roles", List.of("pim-viewer")))),
                new Endpoint("list invitations", 200, token -> api.get(org.path("invitations"), token)),
                new Endpoint("revoke invitation", invitations ? 204 : 404, token -> api.delete(org.path("invitations/" + revocable), token)),
                new Endpoint("set roles", 200, token -> api.put(org.path("members/" + member.id() + "/roles"), token,
                        Map.of("roles", List.of("pim-viewer")))),
                new Endpoint("remove member", 204, token -> api.delete(org.path("members/" + removable.id()), token)));

        for (Endpoint endpoint : endpoints) {
            assertError(endpoint.call().apply(null), 401, "unauthorized", endpoint);
            assertError(endpoint.call().apply("not.a.token"), 401, "unauthorized", endpoint);
            Answer relyingPartyToken = endpoint.call().apply(pimToken);
            assertError(relyingPartyToken, 401, "unauthorized", endpoint);
            assertThat(relyingPartyToken.json().path("message").asText()).as(endpoint.name()).contains("pim-org-admin");
            assertError(endpoint.call().apply(memberToken), 403, "not_organization_admin", endpoint);
            assertError(endpoint.call().apply(other.adminToken()), 403, "not_organization_admin", endpoint);
            Answer password = endpoint.call().apply(passwordAdminToken);
            assertError(password, 403, "phone_otp_required", endpoint);
            assertThat(password.json().path("message").asText()).as(endpoint.name()).contains("phone OTP");
            assertThat(endpoint.call().apply(org.adminToken()).status()).as(endpoint.name()).isEqualTo(endpoint.success());
        }
    }

    @Test
    void invitationsWorkFromKeycloak26_5AndAreSwitchedOffWithOneWarnBefore(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Inviting");
        Answer invite = api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", "invited-" + UUID.randomUUID() + "@example.test", "roles", List.of("pim-viewer")));
        Answer pending = api.get(org.path("invitations"), org.adminToken());
        List<String> warnings = Files.readAllLines(keycloak.serverLog()).stream()
                .filter(line -> line.contains("Switched off on Keycloak") && line.contains("Invitations through the org-admin API"))
                .toList();

        if (keycloak.keycloakAtLeast(26, 5)) {
            assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
            assertThat(pending.json()).as(pending.toString()).hasSize(1);
            assertThat(warnings).isEmpty();
        } else {
            assertError(invite, 501, "invitations_unavailable", null);
            assertThat(invite.json().path("message").asText()).contains("26.5", keycloak.keycloakVersion());
            assertThat(pending.status()).isEqualTo(200);
            assertThat(pending.json()).as(pending.toString()).isEmpty();
            assertThat(warnings).hasSize(1);
        }
    }

    @Test
    void anyMemberListsTheirOwnOrganizationsAndSeesWhetherTheyAreAdmin(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Listing");
        TestUser member = org.addMember(keycloak);

        assertError(api.get("organizations", null), 401, "unauthorized", null);
        Answer asMember = api.get("organizations", Tokens.orgAdminPasswordOnly(keycloak, member));
        Answer asAdmin = api.get("organizations", org.adminToken());

        assertThat(asMember.status()).as(asMember.toString()).isEqualTo(200);
        assertThat(asMember.json()).hasSize(1);
        assertThat(asMember.json().get(0).path("id").asText()).isEqualTo(org.id());
        assertThat(asMember.json().get(0).path("name").asText()).isEqualTo(org.name());
        assertThat(asMember.json().get(0).path("admin").asBoolean()).isFalse();
        assertThat(asAdmin.json().get(0).path("admin").asBoolean()).isTrue();
    }

    @Test
    void aRelyingPartysTokenListsNoOrganizationsAndNoRolesThroughTheApi(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Audience");
        String pimToken = Tokens.phoneOtp(keycloak, org.admin());
        String passwordOnlyAppToken = Tokens.passwordOnly(keycloak, org.admin());

        for (String token : List.of(pimToken, passwordOnlyAppToken)) {
            assertError(api.get("organizations", token), 401, "unauthorized", null);
            assertError(api.get("roles", token), 401, "unauthorized", null);
        }
        assertThat(api.get("organizations", org.adminToken()).status()).isEqualTo(200);
        assertThat(api.get("roles", org.adminToken()).json().toString()).contains("pim-org-admin");
    }

    private static void assertError(Answer answer, int status, String error, Endpoint endpoint) {
        String what = (endpoint == null ? "" : endpoint.name() + ": ") + answer;
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(what).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).as(what).isNotBlank();
    }
}
