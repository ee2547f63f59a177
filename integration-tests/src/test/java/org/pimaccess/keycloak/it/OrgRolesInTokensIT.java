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
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.SignIn;

/** Roles belong to an organization, and the token PIM receives says which. */
@PimKeycloakTest
class OrgRolesInTokensIT {

    @Test
    void anEditorInXWhoIsAViewerInYIsNeverAnEditorInYInTheTokenPimReceivesAndEachOrganizationIsNamed(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Orgs orgs = new Orgs(keycloak);
        OrgFixture x = OrgFixture.create(keycloak, "Roles X");
        OrgFixture y = OrgFixture.create(keycloak, "Roles Y");
        TestUser person = x.admin();
        Answer ownRoles = api.put(x.path("members/" + person.id() + "/roles"), x.adminToken(),
                Map.of("roles", List.of("pim-org-admin", "pim-editor")));
        assertThat(ownRoles.status()).as(ownRoles.toString()).isEqualTo(200);
        orgs.addMember(y.id(), person.id());
        Answer viewer = api.put(y.path("members/" + person.id() + "/roles"), y.adminToken(), Map.of("roles", List.of("pim-viewer")));
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(200);

        Map<String, Object> access = Tokens.claims(Tokens.phoneOtp(keycloak, person));

        assertThat(Tokens.rolesIn(access, x.alias())).containsExactly("pim-editor", "pim-org-admin");
        assertThat(Tokens.rolesIn(access, y.alias())).containsExactly("pim-viewer");
        assertThat(String.valueOf(access.get("resource_access"))).doesNotContain("pim-editor").doesNotContain("pim-viewer")
                .doesNotContain("pim-org-admin");
        assertThat(orgs.pimRoles(person.id())).as("role mappings are a union over organizations").isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> entryY = (Map<String, Object>) ((Map<String, Object>) access.get("organization")).get(y.alias());
        assertThat(entryY).containsEntry("id", y.id()).containsEntry("name", y.name());
    }

    @Test
    void aPersonInOneOrganizationGetsTheirRolesThereInTheIdTokenToo(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Single");
        TestUser member = org.addMember(keycloak);
        new OrgAdminApi(keycloak).put(org.path("members/" + member.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-viewer")));

        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.send(signIn.password(member.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), member.phone()));
        Map<String, Object> tokens = signIn.tokens("pim", SignIn.PIM_SECRET);

        assertThat(Tokens.rolesIn(Tokens.claims((String) tokens.get("access_token")), org.alias())).containsExactly("pim-viewer");
        assertThat(Tokens.rolesIn(Tokens.claims((String) tokens.get("id_token")), org.alias())).containsExactly("pim-viewer");
    }
}
