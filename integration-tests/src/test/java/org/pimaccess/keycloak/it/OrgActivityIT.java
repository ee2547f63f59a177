package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserProfileResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.Person;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.SignIn;

/** An organization's activity trail: what happened to its members, who did it and why, as JSON and CSV. */
@PimKeycloakTest
class OrgActivityIT {

    @Test
    void theTrailListsEveryActionOfAScriptedDayNewestFirstWithActorAndReason(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Audited");
        TestUser helpDesk = org.addMember(keycloak);
        String email = "audited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Person colleague = new Person(TestUsers.newPerson().username(), email, "Cora", "Colleague");
        assertThat(api.post(org.path("invitations"), org.adminToken(), Map.of("email", email, "roles", List.of("pim-editor")))
                .status()).isEqualTo(201);
        String dropped = api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", TestUsers.newPerson().email(), "roles", List.of())).json().path("id").asText();
        assertThat(api.delete(org.path("invitations/" + dropped), org.adminToken()).status()).isEqualTo(204);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().get(URI.create(keycloak.mailbox().linkTo(email, "token=")));
        signIn.register(colleague.registrationFields());
        String colleagueId = keycloak.realm().users().searchByEmail(email, true).get(0).getId();
        String member = "members/" + colleagueId;
        assertThat(api.put(org.path(member + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-viewer"))).status())
                .isEqualTo(200);
        assertThat(api.post(org.path(member + "/suspension"), org.adminToken(), Map.of("reason", "Contract paused")).status())
                .isEqualTo(200);
        assertThat(api.call("DELETE", org.path(member + "/suspension"), org.adminToken(), "application/json",
                "{\"reason\":\"Contract renewed\"}").status()).isEqualTo(204);
        assertThat(api.post(org.path("members/" + helpDesk.id() + "/phone-reset"), org.adminToken(), "").status()).isEqualTo(202);
        assertThat(api.delete(org.path("members/" + helpDesk.id()), org.adminToken()).status()).isEqualTo(204);

        List<String> expected = List.of("member_removed", "phone_reset", "member_reactivated", "member_suspended",
                "roles_changed", "invitation_accepted", "invitation_revoked", "member_invited", "member_invited",
                "member_joined", "first_admin");
        JsonNode trail = Poll.until(Duration.ofSeconds(20), () -> api.get(org.path("activity"), org.adminToken()).json(),
                json -> actions(json).containsAll(expected) && actions(json).size() >= expected.size(), "the day's trail");

        assertThat(actions(trail)).as(trail.toPrettyString()).containsSubsequence(expected);
        JsonNode suspended = first(trail, "member_suspended");
        assertThat(suspended.path("actor").path("id").asText()).isEqualTo(org.admin().id());
        assertThat(suspended.path("actor").path("name").asText()).isEqualTo("Test User");
        assertThat(suspended.path("actor").path("realmAdmin").asBoolean()).isFalse();
        assertThat(suspended.path("target").path("email").asText()).isEqualTo(email);
        assertThat(suspended.path("target").path("name").asText()).isEqualTo("Cora Colleague");
        assertThat(suspended.path("reason").asText()).isEqualTo("Contract paused");
        assertThat(suspended.path("roles").path("before").toString()).isEqualTo("[\"pim-viewer\"]");
        assertThat(suspended.path("roles").path("after")).isEmpty();
        assertThat(first(trail, "member_reactivated").path("reason").asText()).isEqualTo("Contract renewed");
        assertThat(first(trail, "roles_changed").path("roles").path("before").toString()).isEqualTo("[\"pim-editor\"]");
        assertThat(first(trail, "invitation_accepted").path("actor").path("id").asText()).isEqualTo(colleagueId);
        assertThat(first(trail, "member_removed").path("target").path("username").asText()).isEqualTo(helpDesk.username());
        JsonNode joined = first(trail, "member_joined");
        assertThat(joined.path("actor").path("realmAdmin").asBoolean()).as("added in the admin API").isTrue();
        assertThat(joined.path("actor").path("name").asText()).isEqualTo("Realm administrator");
        assertThat(joined.path("actor").path("username").isNull()).as("no master-realm username").isTrue();
        assertThat(joined.path("target").path("username").asText()).isEqualTo(helpDesk.username());
        assertThat(first(trail, "first_admin").path("target").path("id").asText()).isEqualTo(org.admin().id());
        assertThat(trail.get(0).path("time").asText().compareTo(trail.get(trail.size() - 1).path("time").asText()))
                .as("newest first").isGreaterThanOrEqualTo(0);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(api.get(org.path("activity?from=" + today + "&to=" + today), org.adminToken()).json()).hasSize(trail.size());
        assertThat(api.get(org.path("activity?to=" + yesterday), org.adminToken()).json()).isEmpty();
        assertThat(api.get(org.path("activity?first=2&max=3"), org.adminToken()).json()).hasSize(3);
        Answer badDate = api.get(org.path("activity?from=yesterday"), org.adminToken());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("error").asText()).isEqualTo("invalid_date");
    }

    @Test
    void anInvitationToAnExistingAccountShowsOnlyTheTypedAddressAndNoRealmAdminUsername(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Probe");
        TestUser outsider = TestUsers.withPhones(keycloak, 1);
        UserRepresentation account = keycloak.realm().users().get(outsider.id()).toRepresentation();
        account.setFirstName("Olive");
        account.setLastName("Outsider");
        keycloak.realm().users().get(outsider.id()).update(account);
        String typed = outsider.username() + "@example.test";
        TestUser added = org.addMember(keycloak);
        assertThat(api.post(org.path("invitations"), org.adminToken(), Map.of("email", typed)).status()).isEqualTo(201);

        JsonNode trail = Poll.until(Duration.ofSeconds(20), () -> api.get(org.path("activity"), org.adminToken()).json(),
                json -> actions(json).contains("member_invited") && actions(json).contains("member_joined"), "the invitation");
        Answer csv = api.get(org.path("activity.csv"), org.adminToken());

        JsonNode invited = first(trail, "member_invited");
        assertThat(invited.path("target").path("email").asText()).isEqualTo(typed);
        for (String field : List.of("id", "username", "name")) {
            assertThat(invited.path("target").path(field).isNull()).as(field + " of " + invited).isTrue();
        }
        for (String answer : List.of(trail.toString(), csv.body())) {
            assertThat(answer).doesNotContain(outsider.id(), "\"" + outsider.username() + "\"", "Olive", "Outsider")
                    .doesNotContain("\"admin\"");
        }
        assertThat(csv.body()).contains("\"" + typed + "\"").contains("\"Realm administrator\"");
        assertThat(first(trail, "member_joined").path("target").path("username").asText()).isEqualTo(added.username());
        trail.forEach(entry -> assertThat(entry.path("actor").path("username").asText(""))
                .as("no master-realm username in " + entry).isNotEqualTo("admin"));
    }

    @Test
    void anAdminOfOrganizationBCannotReadTheTrailOfA(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture a = OrgFixture.create(keycloak, "Trail A");
        OrgFixture b = OrgFixture.create(keycloak, "Trail B");
        TestUser member = a.addMember(keycloak);

        for (String trail : List.of("activity", "activity.csv")) {
            Answer foreign = api.get(a.path(trail), b.adminToken());
            assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
            assertThat(foreign.json().path("error").asText()).isEqualTo("not_organization_admin");
            assertThat(foreign.body()).doesNotContain(a.admin().username());
        }
        Answer notAdmin = api.get(a.path("activity"), Tokens.orgAdmin(keycloak, member));
        assertThat(notAdmin.status()).as(notAdmin.toString()).isEqualTo(403);
        Answer passwordOnly = api.get(a.path("activity"), Tokens.orgAdminPasswordOnly(keycloak, a.admin()));
        assertThat(passwordOnly.json().path("error").asText()).isEqualTo("phone_otp_required");
        assertThat(api.get(a.path("activity"), Tokens.phoneOtp(keycloak, a.admin())).status())
                .as("a relying party's token").isEqualTo(401);
        assertThat(api.get(a.path("activity"), a.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void aNameThatIsASpreadsheetFormulaComesOutOfTheCsvAsHarmlessText(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Formula");
        TestUser member = org.addMember(keycloak);
        nameFromAnotherSource(keycloak, member, "=HYPERLINK(\"http://x\")", "-2+3");
        assertThat(api.post(org.path("members/" + member.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "@SUM(1,2), \"quoted\"")).status()).isEqualTo(200);

        Answer csv = Poll.until(Duration.ofSeconds(20), () -> api.get(org.path("activity.csv"), org.adminToken()),
                answer -> answer.body().contains("member_suspended"), "the suspension in the CSV");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").contains("charset=utf-8");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"activity-");
        List<List<String>> rows = parse(csv.body());
        assertThat(rows.get(0)).startsWith("time", "actor_id", "actor_username", "actor_name");
        List<String> suspension = rows.stream().filter(row -> row.contains("member_suspended")).findFirst().orElseThrow();
        int name = rows.get(0).indexOf("target_name");
        int reason = rows.get(0).indexOf("reason");
        assertThat(suspension.get(name)).isEqualTo("'=HYPERLINK(\"http://x\") -2+3");
        assertThat(suspension.get(reason)).isEqualTo("'@SUM(1,2), \"quoted\"");
        assertThat(rows).allSatisfy(row -> assertThat(row).allSatisfy(cell ->
                assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r")));
        assertThat(csv.body()).contains("\r\n").contains("\"'=HYPERLINK(\"\"http://x\"\") -2+3\"");
    }

    @Test
    void aReasonWithSemicolonsComesOutQuotedAndNeutralizedForSpreadsheetsThatSplitOnSemicolons(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Semicolon");
        TestUser member = org.addMember(keycloak);
        assertThat(api.post(org.path("members/" + member.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Audit;=1+2;@SUM(A1)")).status()).isEqualTo(200);

        Answer csv = Poll.until(Duration.ofSeconds(20), () -> api.get(org.path("activity.csv"), org.adminToken()),
                answer -> answer.body().contains("member_suspended"), "the suspension in the CSV");

        assertThat(csv.body()).contains(",\"Audit;'=1+2;'@SUM(A1)\",\"\",\"\"\r\n");
        List<List<String>> rows = parse(csv.body());
        List<String> suspension = rows.stream().filter(row -> row.contains("member_suspended")).findFirst().orElseThrow();
        assertThat(suspension.get(rows.get(0).indexOf("reason"))).isEqualTo("Audit;'=1+2;'@SUM(A1)");
        for (String line : csv.body().split("\r\n")) {
            for (String cell : line.split("[;,]")) {
                assertThat(cell.replaceFirst("^\"", "")).as("a cell of a spreadsheet splitting on ; or , in " + line)
                        .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    /**
     * Keycloak's user profile refuses such names typed into its forms, but names also arrive from identity
     * providers and user federation: the profile's name check is lifted while the name is set.
     */
    private static void nameFromAnotherSource(PimKeycloak keycloak, TestUser member, String first, String last) {
        UserProfileResource profile = keycloak.realm().users().userProfile();
        UPConfig original = profile.getConfiguration();
        UPConfig relaxed = profile.getConfiguration();
        List.of("firstName", "lastName").forEach(name -> relaxed.getAttribute(name).getValidations()
                .remove("person-name-prohibited-characters"));
        profile.update(relaxed);
        try {
            UserRepresentation user = keycloak.realm().users().get(member.id()).toRepresentation();
            user.setFirstName(first);
            user.setLastName(last);
            keycloak.realm().users().get(member.id()).update(user);
        } finally {
            profile.update(original);
        }
    }

    private static List<String> actions(JsonNode trail) {
        List<String> actions = new ArrayList<>();
        trail.forEach(entry -> actions.add(entry.path("action").asText()));
        return actions;
    }

    private static JsonNode first(JsonNode trail, String action) {
        for (JsonNode entry : trail) {
            if (entry.path("action").asText().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("No " + action + " in " + trail.toPrettyString());
    }

    /** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes (doubled) and line breaks. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
