package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;

/**
 * Ids of another realm's organization, user and invitation answer exactly as unknown ids do (404 with
 * the same error), never a 500 that would tell an outsider the id exists elsewhere.
 */
@PimKeycloakTest
class ForeignIdsIT {

    @Test
    void idsOfAnotherRealmAre404LikeUnknownIdsOnTheOrgAdminApi(PimKeycloak keycloak) {
        Elsewhere elsewhere = Elsewhere.create(keycloak);
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Foreign ids");
        String token = org.adminToken();
        Map<String, Object> roles = Map.of("roles", List.of("pim-viewer"));

        String foreignOrg = "organizations/" + elsewhere.organizationId();
        assertError(api.get(foreignOrg + "/members", token), 404, "organization_not_found");
        assertError(api.get(foreignOrg + "/invitations", token), 404, "organization_not_found");
        assertError(api.post(foreignOrg + "/invitations", token,
                Map.of("email", "someone@example.test", "roles", List.of("pim-viewer"))), 404, "organization_not_found");
        assertError(api.put(foreignOrg + "/members/" + elsewhere.memberId() + "/roles", token, roles), 404,
                "organization_not_found");
        assertError(api.delete(foreignOrg + "/members/" + elsewhere.memberId(), token), 404, "organization_not_found");
        assertError(api.post(foreignOrg + "/members/" + elsewhere.memberId() + "/phone-reset", token, Map.of()), 404,
                "organization_not_found");
        assertError(api.delete(foreignOrg + "/invitations/" + elsewhere.invitationId(), token), 404,
                "organization_not_found");

        String foreignUser = org.path("members/" + elsewhere.memberId());
        assertError(api.put(foreignUser + "/roles", token, roles), 404, "member_not_found");
        assertError(api.delete(foreignUser, token), 404, "member_not_found");
        assertError(api.post(foreignUser + "/phone-reset", token, Map.of()), 404, "member_not_found");
        assertError(api.delete(org.path("invitations/" + elsewhere.invitationId()), token), 404, "invitation_not_found");

        assertThat(elsewhere.realm().organizations().get(elsewhere.organizationId()).members().getAll())
                .as("nothing changed in the other realm").hasSize(1);
        assertThat(elsewhere.realm().organizations().get(elsewhere.organizationId()).invitations().list()).hasSize(1);
    }

    /** A second realm with organizations on: an organization, its member and a pending invitation. */
    record Elsewhere(RealmResource realm, String organizationId, String memberId, String invitationId) {

        static Elsewhere create(PimKeycloak keycloak) {
            String name = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
            RealmRepresentation representation = new RealmRepresentation();
            representation.setRealm(name);
            representation.setEnabled(true);
            representation.setOrganizationsEnabled(true);
            representation.setSmtpServer(keycloak.realm().toRepresentation().getSmtpServer());
            keycloak.admin().realms().create(representation);
            RealmResource realm = keycloak.admin().realm(name);
            Orgs orgs = new Orgs(realm);
            String organizationId = orgs.create(Orgs.uniqueName("Elsewhere"));
            String memberId = TestUsers.create(realm, List.of()).id();
            orgs.addMember(organizationId, memberId);
            try (Response invited = orgs.get(organizationId).members()
                    .inviteUser("invitee-" + name + "@example.test", "In", "Vitee")) {
                assertThat(invited.getStatus()).as("invitation in the other realm").isEqualTo(204);
            }
            String invitationId = orgs.get(organizationId).invitations().list().get(0).getId();
            return new Elsewhere(realm, organizationId, memberId, invitationId);
        }
    }

    private static void assertError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(error);
    }
}
