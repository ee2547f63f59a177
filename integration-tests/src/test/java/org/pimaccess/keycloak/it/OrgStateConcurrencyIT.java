package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/**
 * Organization state under concurrent writes on one node: every change that answered 200 is still there
 * afterwards. Suspensions and invited roles are rows of their own, and the rules that read before they
 * write hold the database's row lock of the organization to commit.
 */
@PimKeycloakTest
class OrgStateConcurrencyIT {

    private static final Duration ANSWER = Duration.ofSeconds(90);
    /** The other demotion waited for the lock and then found no other admin: 409. */
    private static final String LOSER_ARRIVED_DURING_THE_CHANGE = "last_admin";
    /** The other demotion came once the first had committed: its caller is no admin any more, 403. */
    private static final String LOSER_ARRIVED_AFTER_IT = "not_organization_admin";
    private static ExecutorService threads;

    @BeforeAll
    static void threads() {
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void oneAdminSuspendsEightMembersInParallelAndEverySuspensionThatAnswered200Stays(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak).waitingUpTo(ANSWER);
        OrgFixture org = OrgFixture.create(keycloak, "Offboarding");
        List<TestUser> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(org.addMember(keycloak));
        }
        assertThat(api.get(org.path("members"), org.adminToken()).status()).isEqualTo(200);

        List<Callable<Answer>> suspensions = members.stream().<Callable<Answer>>map(member -> () -> api.post(
                suspension(org, member), org.adminToken(), Map.of("reason", "Offboarding " + member.username()))).toList();
        List<Answer> answers = allAtOnce(suspensions);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
        assertThat(suspendedMembers(api, org)).containsExactlyInAnyOrderElementsOf(ids(members));
    }

    /**
     * Two admins of one organization on a busy day: A suspends two members while B suspends two others and
     * invites a colleague with a role, all at once, after both read the organization (so that every request
     * starts from the same cached organization). Fifty rounds, ten per organization (an organization may send
     * 20 invitations an hour); every answered change stays every round.
     */
    @Test
    void twoAdminsChangingDifferentMembersAtOnceNeverLoseAChangeInFiftyRounds(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak).waitingUpTo(ANSWER);
        for (int day = 1; day <= 5; day++) {
            OrgFixture org = OrgFixture.create(keycloak, "Busy day " + day);
            TestUser adminB = org.addMember(keycloak);
            assertThat(api.put(org.path("members/" + adminB.id() + "/roles"), org.adminToken(),
                    Map.of("roles", List.of("pim-org-admin"))).status()).isEqualTo(200);
            String tokenB = Tokens.orgAdmin(keycloak, adminB);
            List<TestUser> members = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                members.add(org.addMember(keycloak));
            }
            for (int round = 1; round <= 10; round++) {
                busyRound(api, org, tokenB, members, "day " + day + ", round " + round);
            }
        }
    }

    private static void busyRound(OrgAdminApi api, OrgFixture org, String tokenB, List<TestUser> members, String round)
            throws Exception {
        String invitee = "busy-" + System.nanoTime() + "@example.test";
        assertThat(api.get(org.path("members"), org.adminToken()).status()).isEqualTo(200);
        assertThat(api.get(org.path("members"), tokenB).status()).isEqualTo(200);
        List<Answer> answers = allAtOnce(List.of(
                () -> api.post(suspension(org, members.get(0)), org.adminToken(), Map.of("reason", round)),
                () -> api.post(suspension(org, members.get(1)), org.adminToken(), Map.of("reason", round)),
                () -> api.post(suspension(org, members.get(2)), tokenB, Map.of("reason", round)),
                () -> api.post(suspension(org, members.get(3)), tokenB, Map.of("reason", round)),
                () -> api.post(org.path("invitations"), tokenB, Map.of("email", invitee, "roles", List.of("pim-editor")))));

        assertThat(answers.subList(0, 4)).as(round)
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
        assertThat(answers.get(4).status()).as(round + ": " + answers.get(4)).isEqualTo(201);
        assertThat(suspendedMembers(api, org)).as(round).containsExactlyInAnyOrderElementsOf(ids(members));
        JsonNode invitation = invitationTo(api.get(org.path("invitations"), tokenB).json(), invitee);
        assertThat(invitation.path("roles").toString()).as(round).isEqualTo("[\"pim-editor\"]");

        for (TestUser member : members) {
            assertThat(api.delete(suspension(org, member), org.adminToken()).status()).isEqualTo(204);
        }
        assertThat(api.delete(org.path("invitations/" + invitation.path("id").asText()), tokenB).status()).isEqualTo(204);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdminAndTheOtherIsToldLastAdmin(PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak).waitingUpTo(ANSWER);
        for (int round = 1; round <= 5; round++) {
            OrgFixture org = OrgFixture.create(keycloak, "Mutual demotion");
            TestUser adminB = org.addMember(keycloak);
            assertThat(api.put(org.path("members/" + adminB.id() + "/roles"), org.adminToken(),
                    Map.of("roles", List.of("pim-org-admin"))).status()).isEqualTo(200);
            String tokenB = Tokens.orgAdmin(keycloak, adminB);

            List<Answer> answers = allAtOnce(List.of(
                    () -> api.put(org.path("members/" + adminB.id() + "/roles"), org.adminToken(), Map.of("roles", List.of("pim-viewer"))),
                    () -> api.put(org.path("members/" + org.admin().id() + "/roles"), tokenB, Map.of("roles", List.of("pim-viewer")))));

            assertThat(answers).as("round " + round + ": " + answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
            Answer refused = answers.stream().filter(answer -> answer.status() != 200).findFirst().orElseThrow();
            assertThat(refused.json().path("error").asText()).as("round " + round + ": " + refused)
                    .isIn(LOSER_ARRIVED_DURING_THE_CHANGE, LOSER_ARRIVED_AFTER_IT);
            assertThat(new Orgs(keycloak).adminIds(org.id())).as("round " + round).hasSize(1);
        }
    }

    private static List<Answer> allAtOnce(List<Callable<Answer>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Answer> call : calls) {
            futures.add(threads.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get(3, TimeUnit.MINUTES));
        }
        return answers;
    }

    private static Set<String> suspendedMembers(OrgAdminApi api, OrgFixture org) {
        Answer listed = api.get(org.path("members?max=100"), org.adminToken());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        Set<String> suspended = new HashSet<>();
        listed.json().forEach(member -> {
            if (!member.path("suspended").isNull() && !member.path("suspended").isMissingNode()) {
                suspended.add(member.path("id").asText());
            }
        });
        return suspended;
    }

    private static JsonNode invitationTo(JsonNode invitations, String email) {
        for (JsonNode invitation : invitations) {
            if (email.equals(invitation.path("email").asText())) {
                return invitation;
            }
        }
        throw new AssertionError("No pending invitation to " + email + " in " + invitations);
    }

    private static List<String> ids(List<TestUser> members) {
        return members.stream().map(TestUser::id).toList();
    }

    private static String suspension(OrgFixture org, TestUser member) {
        return org.path("members/" + member.id() + "/suspension");
    }
}
