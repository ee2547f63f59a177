package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/** The allow-list of roles, and an organization never losing its last admin. */
@PimKeycloakTest
class OrgAdminRulesIT {

    @Test
    void rolesOutsideTheAllowListAreRefusedAndNothingChanges(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Allow-list");
        TestUser member = org.addMember(keycloak);

        for (List<String> roles : List.of(List.of("pim-viewer", "realm-admin"), List.of("offline_access"),
                List.of("manage-users"), List.of("PIM-EDITOR"), List.of(""))) {
            Answer refused = api.put(org.path("members/" + member.id() + "/roles"), org.adminToken(), Map.of("roles", roles));
            assertThat(refused.status()).as(roles + ": " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).isEqualTo("unknown_role");
        }
        Answer invite = api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", "allow-list@example.test", "roles", List.of("realm-admin")));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(400);
        assertThat(invite.json().path("message").asText()).contains("realm-admin").contains("pim-editor");

        assertThat(new Orgs(keycloak).pimRoles(member.id())).isEmpty();
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();
    }

    @Test
    void theLastAdminCanBeNeitherRemovedNorDemotedButAdminsCanNameAnother(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Orgs orgs = new Orgs(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Last admin");
        String self = org.admin().id();

        Answer removeSelf = api.delete(org.path("members/" + self), org.adminToken());
        Answer demoteSelf = api.put(org.path("members/" + self + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-editor")));

        assertThat(removeSelf.status()).as(removeSelf.toString()).isEqualTo(409);
        assertThat(removeSelf.json().path("error").asText()).isEqualTo("last_admin");
        assertThat(demoteSelf.status()).as(demoteSelf.toString()).isEqualTo(409);
        assertThat(orgs.pimRoles(self)).containsExactly("pim-org-admin");

        TestUser second = org.addMember(keycloak);
        assertThat(orgs.adminIds(org.id())).containsExactly(self);
        Answer named = api.put(org.path("members/" + second.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-org-admin", "pim-viewer")));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        assertThat(orgs.adminIds(org.id())).containsExactlyInAnyOrder(self, second.id());

        Answer demoted = api.put(org.path("members/" + self + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-viewer")));
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(orgs.adminIds(org.id())).containsExactly(second.id());
        assertThat(api.get(org.path("members"), org.adminToken()).status()).isEqualTo(403);

        String secondToken = Tokens.phoneOtp(keycloak, second);
        Answer lastOneLeaving = api.delete(org.path("members/" + second.id()), secondToken);
        assertThat(lastOneLeaving.status()).as(lastOneLeaving.toString()).isEqualTo(409);
    }
}
