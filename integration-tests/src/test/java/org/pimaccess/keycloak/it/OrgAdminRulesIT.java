package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.SignIn;

/** The allow-list of roles, an organization never losing its last admin, and one never harming another. */
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

        assertThat(new Orgs(keycloak).roles(org.id(), member.id())).isEmpty();
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
        assertThat(orgs.roles(org.id(), self)).containsExactly("pim-org-admin");

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

        String secondToken = Tokens.orgAdmin(keycloak, second);
        Answer lastOneLeaving = api.delete(org.path("members/" + second.id()), secondToken);
        assertThat(lastOneLeaving.status()).as(lastOneLeaving.toString()).isEqualTo(409);
    }

    @Test
    void removingAManagedMemberWhoIsTheOnlyAdminOfAnotherOrganizationKeepsTheirAccountAndThatAdmin(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Orgs orgs = new Orgs(keycloak);
        OrgFixture a = OrgFixture.create(keycloak, "Managed A");
        TestUsers.Person person = TestUsers.newPerson();
        Answer invited = api.post(a.path("invitations"), a.adminToken(), Map.of("email", person.email(), "roles", List.of("pim-viewer")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().get(URI.create(keycloak.mailbox().linkTo(person.email(), "token=")));
        assertThat(signIn.register(person.registrationFields()).hasForm("pim-phone-register")).isTrue();
        String v = keycloak.realm().users().searchByUsername(person.username(), true).get(0).getId();
        assertThat(orgs.get(a.id()).members().member(v).toRepresentation().getMembershipType()).hasToString("MANAGED");
        String b = orgs.create(Orgs.uniqueName("Only admin B"));
        orgs.addMember(b, v);
        assertThat(orgs.adminIds(b)).containsExactly(v);

        Answer removed = api.delete(a.path("members/" + v), a.adminToken());

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(keycloak.realm().users().searchByUsername(person.username(), true)).hasSize(1);
        assertThat(orgs.members(a.id())).extracting(m -> m.getId()).doesNotContain(v);
        assertThat(orgs.roles(a.id(), v)).isEmpty();
        assertThat(orgs.members(b)).extracting(m -> m.getId()).containsExactly(v);
        assertThat(orgs.adminIds(b)).containsExactly(v);
        assertThat(adminEvent(keycloak, "organizations/" + a.id() + "/members/" + v).getDetails())
                .containsEntry("account_deleted", "false");
    }

    @Test
    void theAutomaticFirstAdminIsAnAdminEventNamingTheOrganizationAndTheUser(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "First admin event");
        String admin = org.admin().id();

        AdminEventRepresentation event = adminEvent(keycloak, "organizations/" + org.id() + "/members/" + admin + "/roles");

        assertThat(event.getResourceType()).isEqualTo("ORGANIZATION_MEMBERSHIP");
        assertThat(event.getOperationType()).isEqualTo("UPDATE");
        assertThat(event.getDetails()).containsEntry("org_id", org.id()).containsEntry("user_id", admin)
                .containsEntry("roles", "pim-org-admin").containsEntry("reason", "first_member");
        TestUser second = org.addMember(keycloak);
        assertThat(keycloak.realm().getAdminEvents(null, null, null, null, null,
                "organizations/" + org.id() + "/members/" + second.id() + "/roles", null, null, 0, 10)).isEmpty();
    }

    private static AdminEventRepresentation adminEvent(PimKeycloak keycloak, String resourcePath) {
        return keycloak.realm().getAdminEvents(null, null, null, null, null, resourcePath, null, null, 0, 10)
                .stream().findFirst()
                .orElseThrow(() -> new AssertionError("No admin event for " + resourcePath));
    }
}
