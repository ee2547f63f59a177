package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.HomeApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/** An org admin suspends a member with a reason, per organization, and reactivates them. */
@PimKeycloakTest
class OrgSuspensionIT {

    @Test
    void aSuspendedMembersNewTokenHasNoneOfThatOrganizationsRolesTheOtherOrganizationsStayAndReactivationRestoresThem(
            PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture x = OrgFixture.create(keycloak, "Suspend X");
        OrgFixture y = OrgFixture.create(keycloak, "Suspend Y");
        TestUser member = x.addMember(keycloak);
        new Orgs(keycloak).addMember(y.id(), member.id());
        // A member of two organizations is a realm admin's to suspend: X's admin is one here.
        grantRealmManagementRole(keycloak, x.admin(), "manage-users");
        assertThat(api.put(x.path("members/" + member.id() + "/roles"), x.adminToken(),
                Map.of("roles", List.of("pim-editor"))).status()).isEqualTo(200);
        assertThat(api.put(y.path("members/" + member.id() + "/roles"), y.adminToken(),
                Map.of("roles", List.of("pim-viewer"))).status()).isEqualTo(200);
        Tokens.phoneOtp(keycloak, member);
        assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).isNotEmpty();

        Answer suspended = api.post(x.path("members/" + member.id() + "/suspension"), x.adminToken(),
                Map.of("reason", "Left the Acme project; access review 2026-Q4"));

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        JsonNode view = suspended.json();
        assertThat(view.path("id").asText()).isEqualTo(member.id());
        assertThat(view.path("roles").toString()).as("roles stay on record").contains("pim-editor");
        assertThat(view.path("suspended").path("reason").asText()).isEqualTo("Left the Acme project; access review 2026-Q4");
        assertThat(view.path("suspended").path("by").path("id").asText()).isEqualTo(x.admin().id());
        assertThat(view.path("suspended").path("since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).as("sessions end at once").isEmpty();

        JsonNode listed = memberIn(api.get(x.path("members"), x.adminToken()).json(), member.id());
        assertThat(listed.path("suspended").path("by").path("username").asText()).isEqualTo(x.admin().username());

        Map<String, Object> whileSuspended = Tokens.claims(Tokens.phoneOtp(keycloak, member));
        assertThat(organizations(whileSuspended)).doesNotContainKey(x.alias()).containsKey(y.alias());
        assertThat(Tokens.rolesIn(whileSuspended, y.alias())).containsExactly("pim-viewer");

        JsonNode home = new HomeApi(keycloak).me("Bearer " + Tokens.home(keycloak, member)).json();
        JsonNode homeX = organization(home, x.id());
        assertThat(homeX.path("roles")).isEmpty();
        assertThat(homeX.path("suspended").path("askName").asText()).isEqualTo("Test User");
        assertThat(homeX.path("suspended").path("askEmail").asText()).isEqualTo(x.admin().username() + "@example.test");
        assertThat(organization(home, y.id()).path("suspended").isMissingNode()).as("not suspended in Y").isTrue();

        Answer reactivated = api.call("DELETE", x.path("members/" + member.id() + "/suspension"), x.adminToken(),
                "application/json", "{\"reason\":\"Back on the project\"}");
        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(204);
        Map<String, Object> after = Tokens.claims(Tokens.phoneOtp(keycloak, member));
        assertThat(Tokens.rolesIn(after, x.alias())).containsExactly("pim-editor");
        assertThat(Tokens.rolesIn(after, y.alias())).containsExactly("pim-viewer");
        assertThat(memberIn(api.get(x.path("members"), x.adminToken()).json(), member.id()).path("suspended").isNull()).isTrue();
    }

    @Test
    void suspendingTheAdminOfAnotherOrganizationOrARealmRoleHolderIsARealmAdminsCall(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture small = OrgFixture.create(keycloak, "Suspend Small");
        OrgFixture other = OrgFixture.create(keycloak, "Suspend Other Admin");
        new Orgs(keycloak).addMember(small.id(), other.admin().id());
        TestUser viewer = small.addMember(keycloak);
        grantRealmManagementRole(keycloak, viewer, "view-users");
        Tokens.phoneOtp(keycloak, other.admin());

        for (TestUser beyond : List.of(other.admin(), viewer)) {
            Answer refused = api.post(small.path("members/" + beyond.id() + "/suspension"), small.adminToken(),
                    Map.of("reason", "Reaching beyond"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("suspend_needs_realm_admin");
        }
        assertThat(keycloak.realm().users().get(other.admin().id()).getUserSessions()).as("no session ended").isNotEmpty();
        assertThat(memberIn(api.get(small.path("members"), small.adminToken()).json(), other.admin().id())
                .path("suspended").isNull()).isTrue();
        assertThat(api.get(other.path("members"), other.adminToken()).status()).as("still the other's admin").isEqualTo(200);

        grantRealmManagementRole(keycloak, small.admin(), "manage-users");
        Answer byRealmAdmin = api.post(small.path("members/" + other.admin().id() + "/suspension"), small.adminToken(),
                Map.of("reason", "Decided by the realm administrator"));
        assertThat(byRealmAdmin.status()).as(byRealmAdmin.toString()).isEqualTo(200);
    }

    /**
     * Keycloak allows usernames of 255 characters. The suspending admin's username is kept with the suspension
     * (a column of 255), where an attribute value of earlier versions ("byName:" + username) ran past 255 and
     * failed the commit.
     */
    @Test
    void anAdminWhoseUsernameHas255CharactersSuspendsAMember(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Long names");
        TestUser member = org.addMember(keycloak);
        String longName = ("a".repeat(247) + org.admin().username().substring(org.admin().username().length() - 8));
        try (AutoCloseable editable = RealmSettings.change(keycloak.realm(), realm -> realm.setEditUsernameAllowed(true))) {
            UserRepresentation admin = keycloak.realm().users().get(org.admin().id()).toRepresentation();
            admin.setUsername(longName);
            keycloak.realm().users().get(org.admin().id()).update(admin);
        }
        assertThat(keycloak.realm().users().get(org.admin().id()).toRepresentation().getUsername()).hasSize(255);

        Answer suspended = api.post(org.path("members/" + member.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Long usernames are fine"));

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        JsonNode listed = memberIn(api.get(org.path("members"), org.adminToken()).json(), member.id());
        assertThat(listed.path("suspended").path("by").path("username").asText()).isEqualTo(longName);
    }

    @Test
    void aSuspendedAdminOfTheSameOrganizationCanNoLongerAdministerIt(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Suspend Admin");
        TestUser second = org.addMember(keycloak);
        assertThat(api.put(org.path("members/" + second.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-org-admin"))).status()).isEqualTo(200);

        Answer suspended = api.post(org.path("members/" + second.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Shared their password"));

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        String secondToken = Tokens.orgAdmin(keycloak, second);
        Answer members = api.get(org.path("members"), secondToken);
        assertThat(members.status()).as(members.toString()).isEqualTo(403);
        assertThat(members.json().path("error").asText()).isEqualTo("not_organization_admin");
        JsonNode mine = api.get("organizations", secondToken).json();
        assertThat(mine.get(0).path("admin").asBoolean()).as(mine.toString()).isFalse();
    }

    @Test
    void noAdminSuspendsThemselvesAndTheLastActiveAdminIsKept(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Suspend Self");
        TestUser second = org.addMember(keycloak);
        api.put(org.path("members/" + second.id() + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-org-admin")));

        Answer self = api.post(org.path("members/" + org.admin().id() + "/suspension"), org.adminToken(), Map.of("reason", "Holiday"));
        assertThat(self.status()).as(self.toString()).isEqualTo(403);
        assertThat(self.json().path("error").asText()).isEqualTo("cannot_suspend_self");

        assertThat(api.post(org.path("members/" + second.id() + "/suspension"), org.adminToken(), Map.of("reason", "Audit"))
                .status()).isEqualTo(200);
        Answer leaving = api.delete(org.path("members/" + org.admin().id()), org.adminToken());
        assertThat(leaving.status()).as("the only active admin cannot leave: %s", leaving).isEqualTo(409);
        assertThat(leaving.json().path("error").asText()).isEqualTo("last_admin");
        Answer demoting = api.put(org.path("members/" + org.admin().id() + "/roles"), org.adminToken(), Map.of("roles", List.of()));
        assertThat(demoting.status()).as(demoting.toString()).isEqualTo(409);
    }

    @Test
    void twoAdminsSuspendingEachOtherAtOnceLeaveOneActiveAdmin(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Suspend Race");
        TestUser second = org.addMember(keycloak);
        api.put(org.path("members/" + second.id() + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-org-admin")));
        String secondToken = Tokens.orgAdmin(keycloak, second);
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.post(org.path("members/" + second.id() + "/suspension"), org.adminToken(), Map.of("reason", "Race A"));
        });
        CompletableFuture<Answer> other = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.post(org.path("members/" + org.admin().id() + "/suspension"), secondToken, Map.of("reason", "Race B"));
        });
        start.countDown();
        List<Answer> answers = List.of(first.get(), other.get());

        assertThat(answers).as(answers.toString()).filteredOn(answer -> answer.status() == 200).hasSize(1);
        Answer loser = answers.stream().filter(answer -> answer.status() != 200).findFirst().orElseThrow();
        assertThat(loser.status()).as("the loser finds no other active admin, or its session already ended: %s", loser)
                .isIn(409, 401);
        if (loser.status() == 409) {
            assertThat(loser.json().path("error").asText()).isEqualTo("last_admin");
        }
    }

    @Test
    void aReasonIsRequiredPlainAndShortAndAnotherOrganizationsAdminCannotSuspend(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Suspend Input");
        OrgFixture other = OrgFixture.create(keycloak, "Suspend Other");
        TestUser member = org.addMember(keycloak);
        String path = org.path("members/" + member.id() + "/suspension");

        for (Object body : List.of(Map.of(), Map.of("reason", " "), Map.of("reason", "x".repeat(501)),
                Map.of("reason", "two\nlines"), Map.of("reason", "bidi \u202e override"))) {
            Answer bad = api.post(path, org.adminToken(), body);
            assertThat(bad.status()).as(body + " -> " + bad).isEqualTo(400);
            assertThat(bad.json().path("error").asText()).isEqualTo("invalid_reason");
        }
        assertThat(api.call("POST", path, org.adminToken(), "text/plain", "because").status()).isEqualTo(400);
        Answer foreign = api.post(path, other.adminToken(), Map.of("reason", "Not mine"));
        assertThat(foreign.status()).as(foreign.toString()).isIn(403, 404);
        Answer longest = api.post(path, org.adminToken(), Map.of("reason", "é".repeat(499) + "\uD83D\uDE00"));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
        assertThat(longest.json().path("suspended").path("reason").asText()).isEqualTo("é".repeat(499) + "\uD83D\uDE00");
        Answer again = api.post(path, org.adminToken(), Map.of("reason", "Twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("already_suspended");
        Answer emptyJson = api.call("DELETE", path, org.adminToken(), "application/json", "");
        assertThat(emptyJson.status()).as("an empty body is no body: " + emptyJson).isEqualTo(204);
        assertThat(api.delete(path, org.adminToken()).json().path("error").asText()).isEqualTo("not_suspended");
    }

    private static void grantRealmManagementRole(PimKeycloak keycloak, TestUser user, String role) {
        String realmManagement = keycloak.realm().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation granted = keycloak.realm().clients().get(realmManagement).roles().get(role).toRepresentation();
        keycloak.realm().users().get(user.id()).roles().clientLevel(realmManagement).add(List.of(granted));
    }

    private static JsonNode memberIn(JsonNode members, String id) {
        for (JsonNode member : members) {
            if (member.path("id").asText().equals(id)) {
                return member;
            }
        }
        throw new AssertionError("No member " + id + " in " + members);
    }

    private static JsonNode organization(JsonNode me, String id) {
        for (JsonNode org : me.path("organizations")) {
            if (org.path("id").asText().equals(id)) {
                return org;
            }
        }
        throw new AssertionError("No organization " + id + " in " + me);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> organizations(Map<String, Object> claims) {
        Object claim = claims.get("organization");
        return claim == null ? Map.of() : (Map<String, Object>) claim;
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
