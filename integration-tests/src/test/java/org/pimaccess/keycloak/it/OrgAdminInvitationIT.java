package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.Person;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** An org admin invites a colleague with a role; the colleague registers through the mailed link. */
@PimKeycloakTest
class OrgAdminInvitationIT {

    @Test
    void theInvitedColleagueRegistersThroughTheMailedLinkAndJoinsWithTheInvitedRole(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Orgs orgs = new Orgs(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Inviters");
        Person colleague = TestUsers.newPerson();
        String email = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Person invited = new Person(colleague.username(), email, "Cora", "Colleague");

        Answer created = api.post(org.path("invitations"), org.adminToken(), Map.of("email", email.toUpperCase(),
                "firstName", "Cora", "lastName", "Colleague", "roles", List.of("pim-editor")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String invitationId = created.json().path("id").asText();

        JsonNode pending = api.get(org.path("invitations"), org.adminToken()).json();
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).path("email").asText()).isEqualTo(email);
        assertThat(pending.get(0).path("roles").toString()).isEqualTo("[\"pim-editor\"]");
        assertThat(pending.get(0).path("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);

        MimeMessage mail = keycloak.mailbox().newestTo(email);
        assertThat(Mailbox.textOf(mail)).contains(org.name());
        SignIn signIn = new SignIn(keycloak.baseUrl());
        Page form = signIn.browser().get(URI.create(keycloak.mailbox().linkTo(email, "token=")));
        assertThat(form.document().getElementById("organizationName")).as(form.text()).isNull();
        Page next = signIn.register(invited.registrationFields());
        assertThat(next.hasForm("pim-phone-register")).as(next.text()).isTrue();

        String colleagueId = keycloak.realm().users().searchByEmail(email, true).get(0).getId();
        assertThat(orgs.members(org.id())).extracting(m -> m.getId()).contains(colleagueId);
        assertThat(orgs.roles(org.id(), colleagueId)).contains("pim-editor").doesNotContain("pim-org-admin");
        JsonNode members = api.get(org.path("members"), org.adminToken()).json();
        JsonNode listed = findById(members, colleagueId);
        assertThat(listed.path("roles").toString()).isEqualTo("[\"pim-editor\"]");
        assertThat(listed.path("email").asText()).isEqualTo(email);
        assertThat(findById(members, org.admin().id()).path("roles").toString()).isEqualTo("[\"pim-org-admin\"]");
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();

        AdminEventRepresentation event = adminEvent(keycloak, "organizations/" + org.id() + "/invitations/" + invitationId);
        assertThat(event.getOperationType()).isEqualTo("CREATE");
        assertThat(event.getResourceType()).isEqualTo("ORGANIZATION_MEMBERSHIP");
        assertThat(event.getDetails()).containsEntry("org_id", org.id()).containsEntry("email", email)
                .containsEntry("roles", "pim-editor");
        assertThat(event.getAuthDetails().getUserId()).isEqualTo(org.admin().id());
    }

    @Test
    void aRevokedInvitationIsGoneAndItsLinkNoLongerJoins(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Revokers");
        Person person = TestUsers.newPerson();
        String id = api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", person.email(), "roles", List.of("pim-viewer"))).json().path("id").asText();
        String link = keycloak.mailbox().linkTo(person.email(), "token=");

        assertThat(api.delete(org.path("invitations/" + id), org.adminToken()).status()).isEqualTo(204);

        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();
        assertThat(api.delete(org.path("invitations/" + id), org.adminToken()).status()).isEqualTo(404);
        assertThat(adminEvent(keycloak, "organizations/" + org.id() + "/invitations/" + id).getOperationType())
                .isEqualTo("DELETE");
        Page refused = new SignIn(keycloak.baseUrl()).browser().get(URI.create(link));
        assertThat(refused.hasForm("kc-register-form")).isFalse();
        assertThat(refused.text()).contains("The link you clicked is no longer valid.");
        assertThat(new Orgs(keycloak).members(org.id())).hasSize(1);
    }

    @Test
    void roleChangesAndRemovalsAreAdminEventsNamingTheOrganizationAndTheMember(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Audited");
        String memberId = org.addMember(keycloak).id();

        Answer changed = api.put(org.path("members/" + memberId + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-viewer", "pim-editor")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(new Orgs(keycloak).roles(org.id(), memberId)).contains("pim-viewer", "pim-editor");
        AdminEventRepresentation update = adminEvent(keycloak, "organizations/" + org.id() + "/members/" + memberId + "/roles");
        assertThat(update.getOperationType()).isEqualTo("UPDATE");
        assertThat(update.getDetails()).containsEntry("org_id", org.id()).containsEntry("user_id", memberId)
                .containsEntry("roles", "pim-editor,pim-viewer");

        assertThat(api.delete(org.path("members/" + memberId), org.adminToken()).status()).isEqualTo(204);
        assertThat(new Orgs(keycloak).members(org.id())).extracting(m -> m.getId()).doesNotContain(memberId);
        AdminEventRepresentation removal = adminEvent(keycloak, "organizations/" + org.id() + "/members/" + memberId);
        assertThat(removal.getOperationType()).isEqualTo("DELETE");
        assertThat(removal.getDetails()).containsEntry("user_id", memberId);
    }

    private static JsonNode findById(JsonNode members, String id) {
        for (JsonNode member : members) {
            if (id.equals(member.path("id").asText())) {
                return member;
            }
        }
        throw new AssertionError("No member " + id + " in " + members);
    }

    private static AdminEventRepresentation adminEvent(PimKeycloak keycloak, String resourcePath) {
        return keycloak.realm().getAdminEvents(null, null, null, null, null, resourcePath, null, null, 0, 10)
                .stream().findFirst()
                .orElseThrow(() -> new AssertionError("No admin event for " + resourcePath));
    }
}
