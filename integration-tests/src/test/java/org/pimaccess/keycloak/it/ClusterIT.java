package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.pimaccess.keycloak.it.harness.BruteForce;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PhoneOtpSettings;
import org.pimaccess.keycloak.it.harness.PimCluster;
import org.pimaccess.keycloak.it.harness.PimCluster.Node;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.Postgres;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The pack on two real Keycloak nodes sharing one PostgreSQL: one person's sign-in moves between the
 * nodes the way a load balancer without sticky sessions would move it, and one node dies mid sign-in.
 * The last test kills node A, so it runs last; the one before kills node B and starts it again. Before
 * each test both nodes run and see each other, so that one test's failure never fails the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static PimCluster cluster;

    @BeforeAll
    static void startTwoNodes() {
        String unavailable = Postgres.unavailableBecause();
        if (unavailable != null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the cluster tests, but " + unavailable);
            }
            System.err.println("SKIPPED ClusterIT: " + unavailable);
            Assumptions.abort(unavailable);
        }
        cluster = PimCluster.start();
        cluster.awaitViewOfTwo(Duration.ofSeconds(120));
    }

    /** A test that killed a node and failed before it started it again leaves no dead node to the next. */
    @BeforeEach
    void bothNodesUp() {
        cluster.ensureBothUp(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopTwoNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aCodeSentByNodeACompletesTheSignInOnNodeB() {
        TestUser user = TestUsers.withPhones(cluster.realm(), 1);
        SignIn signIn = signInOn(Node.A);
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        on(signIn, Node.B);
        Page done = signIn.code(SentCodes.lastSmsTo(cluster.awsFake(), user.phone()));

        assertThat(done.isCallback()).as(done.text()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    @Order(2)
    void aResendOnNodeBInsideTheCooldownOfASendOnNodeAIsRefused() {
        TestUser user = TestUsers.withPhones(cluster.realm(), 1);
        SignIn signIn = signInOn(Node.A);
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        on(signIn, Node.B);
        Page resend = signIn.resend();

        assertThat(resend.errors()).containsPattern("Please wait (\\d|[12]\\d|30) seconds before asking for another code\\.");
        assertThat(cluster.awsFake().sentTo(user.phone())).hasSize(1);
    }

    @Test
    @Order(3)
    void theRealmBudgetCountsSendsOfBothNodes() throws Exception {
        try (AutoCloseable budgetOfFour = cluster.phoneOtpSettings().change(Map.of(
                "realm-sms-budget", "4", "budget-window-seconds", "5400"))) {
            // The change reaches node B's realm cache by an invalidation message; send only once it has.
            Poll.until(Duration.ofSeconds(60), () -> PhoneOtpSettings.readFrom(cluster.realm(Node.B)),
                    settings -> "4".equals(settings.get("realm-sms-budget")), "node B to read the new budget");
            List<TestUser> users = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestUser user = TestUsers.withPhones(cluster.realm(), 1);
                users.add(user);
                SignIn signIn = signInOn(i % 2 == 0 ? Node.A : Node.B);
                signIn.open("pim");
                Page sent = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
                if (i < 4) {
                    assertThat(sent.hasForm("pim-phone-otp-code")).as("send " + (i + 1) + ": " + sent.errors()).isTrue();
                } else {
                    assertThat(sent.errors()).contains("We cannot send codes right now");
                }
            }
            assertThat(users).filteredOn(user -> !cluster.awsFake().sentTo(user.phone()).isEmpty()).hasSize(4);
        }
    }

    @Test
    @Order(3)
    void thePerUserCapHoldsWhenSendsAlternateBetweenTheNodes() throws Exception {
        try (AutoCloseable capOfThree = cluster.phoneOtpSettings().change(Map.of(
                "user-send-cap", "3", "resend-cooldown-seconds", "0"))) {
            TestUser user = TestUsers.withPhones(cluster.realm(), 1);
            SignIn signIn = signInOn(Node.A);
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            on(signIn, Node.B);
            signIn.resend();
            on(signIn, Node.A);
            signIn.resend();
            assertThat(cluster.awsFake().sentTo(user.phone())).hasSize(3);

            on(signIn, Node.B);
            Page refused = signIn.resend();

            assertThat(refused.errors()).contains("Too many codes were sent recently.");
            assertThat(cluster.awsFake().sentTo(user.phone())).hasSize(3);
        }
    }

    @Test
    @Order(4)
    void wrongCodesSplitOverBothNodesLockTheUserOutAtTheSameCountAsOnOneNode() throws Exception {
        try (AutoCloseable factorThree = BruteForce.lockoutAfter(cluster.realm(), 3)) {
            TestUser user = TestUsers.withPhones(cluster.realm(), 1);
            SignIn signIn = signInOn(Node.A);
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String code = SentCodes.lastSmsTo(cluster.awsFake(), user.phone());
            String wrong = code.equals("000000") ? "111111" : "000000";

            signIn.code(wrong);
            BruteForce.awaitFailures(cluster.realm(Node.B), user.id(), 1);
            on(signIn, Node.B);
            signIn.code(wrong);
            Map<String, Object> afterTwo = BruteForce.awaitFailures(cluster.realm(Node.A), user.id(), 2);
            assertThat(afterTwo.get("numFailures")).as("each node counts its own failure once").isEqualTo(2);
            assertThat(afterTwo.get("disabled")).isEqualTo(false);

            on(signIn, Node.A);
            signIn.code(wrong);
            BruteForce.awaitLockout(cluster.realm(Node.B), user.id());

            on(signIn, Node.B);
            assertThat(signIn.code(code).isCallback()).isFalse();
        } finally {
            cluster.realm().attackDetection().clearAllBruteForce();
        }
    }

    @Test
    @Order(5)
    void tenMembersAddedAtOnceHalfThroughEachNodeMakeExactlyOneAdmin() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            for (int round = 1; round <= 3; round++) {
                Orgs orgs = new Orgs(cluster.realm());
                String organization = orgs.create(Orgs.uniqueName("Cluster race " + round));
                List<String> userIds = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    userIds.add(TestUsers.withPhones(cluster.realm(), 0).id());
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> added = new ArrayList<>();
                for (int i = 0; i < userIds.size(); i++) {
                    Node node = i % 2 == 0 ? Node.A : Node.B;
                    String userId = userIds.get(i);
                    added.add(threads.submit(() -> {
                        go.await();
                        return joinRetryingWhileBusy(node, organization, userId);
                    }));
                }
                go.countDown();
                for (Future<Integer> status : added) {
                    assertThat(status.get(5, TimeUnit.MINUTES)).isEqualTo(201);
                }

                assertThat(orgs.members(organization)).as("round " + round).hasSize(10);
                assertThat(orgs.adminIds(organization)).as("admins after round " + round).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A suspension made on node A shows on node B (the organization's cached attributes are dropped on every
     * node), the reactivation made on node B ends it for node A, and both nodes read the same activity trail
     * and the same CSV from Keycloak's shared event store.
     */
    @Test
    @Order(5)
    void aSuspensionOnNodeAHoldsOnNodeBAndBothNodesShowTheSameActivityTrail() {
        Orgs orgs = new Orgs(cluster.realm());
        String organization = orgs.create(Orgs.uniqueName("Cluster audit"));
        TestUser admin = TestUsers.withPhones(cluster.realm(), 1);
        TestUser member = TestUsers.withPhones(cluster.realm(), 1);
        orgs.addMember(organization, admin.id());
        orgs.addMember(organization, member.id());
        SignIn signIn = signInOn(Node.A);
        signIn.open(Clients.orgAdminCaller(cluster.realm()), "phone-otp");
        signIn.send(signIn.password(admin.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(cluster.awsFake(), admin.phone()));
        String token = (String) signIn.tokens(Clients.ORG_ADMIN_CALLER, null).get("access_token");
        OrgAdminApi onA = new OrgAdminApi(cluster.node(Node.A)).waitingUpTo(Duration.ofSeconds(90));
        OrgAdminApi onB = new OrgAdminApi(cluster.node(Node.B)).waitingUpTo(Duration.ofSeconds(90));
        String base = "organizations/" + organization;
        String suspension = base + "/members/" + member.id() + "/suspension";

        assertThat(onA.post(suspension, token, Map.of("reason", "Cluster audit")).status()).isEqualTo(200);
        Poll.until(Duration.ofSeconds(30), () -> onB.get(base + "/members", token),
                answer -> answer.status() == 200 && answer.body().contains("Cluster audit"),
                "node B's member list showing the suspension made on node A");
        assertThat(onB.call("DELETE", suspension, token, "application/json", "{\"reason\":\"Back\"}").status()).isEqualTo(204);
        Poll.until(Duration.ofSeconds(30), () -> onA.post(suspension, token, Map.of("reason", "Again")).status(),
                status -> status == 200, "node A suspending again once it sees the reactivation made on node B");

        String trailOnA = Poll.until(Duration.ofSeconds(30), () -> onA.get(base + "/activity", token).body(),
                body -> body.indexOf("member_suspended") >= 0 && body.indexOf("member_reactivated") >= 0
                        && body.indexOf("member_suspended") < body.indexOf("member_reactivated"),
                "node A's trail, newest first: suspended again, reactivated");
        String trailOnB = Poll.until(Duration.ofSeconds(30), () -> onB.get(base + "/activity", token).body(),
                trailOnA::equals, "node B's trail equal to node A's");
        assertThat(trailOnB).isEqualTo(trailOnA);
        assertThat(onB.get(base + "/activity.csv", token).body()).isEqualTo(onA.get(base + "/activity.csv", token).body());
    }

    /**
     * Two admins of one organization, A working on node A and B on node B: A suspends two members while B
     * suspends two others and invites a colleague with a role, all at once. Fifty rounds, ten per
     * organization (an organization may send 20 invitations an hour); every change that answered stays,
     * every round, on both nodes.
     */
    @Test
    @Order(5)
    void twoAdminsOnTwoNodesChangingDifferentMembersAtOnceNeverLoseAChange() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            for (int day = 1; day <= 5; day++) {
                Orgs orgs = new Orgs(cluster.realm());
                String organization = orgs.create(Orgs.uniqueName("Two nodes busy day " + day));
                TestUser adminA = TestUsers.withPhones(cluster.realm(), 1);
                TestUser adminB = TestUsers.withPhones(cluster.realm(), 1);
                orgs.addMember(organization, adminA.id());
                orgs.addMember(organization, adminB.id());
                List<String> members = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    members.add(TestUsers.withPhones(cluster.realm(), 0).id());
                    orgs.addMember(organization, members.get(i));
                }
                String tokenA = orgAdminToken(Node.A, adminA);
                OrgAdminApi onA = new OrgAdminApi(cluster.node(Node.A)).waitingUpTo(Duration.ofSeconds(90));
                String base = "organizations/" + organization;
                assertThat(onA.put(base + "/members/" + adminB.id() + "/roles", tokenA,
                        Map.of("roles", List.of("pim-org-admin"))).status()).isEqualTo(200);
                String tokenB = orgAdminToken(Node.B, adminB);
                for (int round = 1; round <= 10; round++) {
                    busyRoundOnTwoNodes(threads, base, tokenA, tokenB, members, "day " + day + ", round " + round);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void busyRoundOnTwoNodes(ExecutorService threads, String base, String tokenA, String tokenB,
            List<String> members, String round) throws Exception {
        OrgAdminApi onA = new OrgAdminApi(cluster.node(Node.A)).waitingUpTo(Duration.ofSeconds(90));
        OrgAdminApi onB = new OrgAdminApi(cluster.node(Node.B)).waitingUpTo(Duration.ofSeconds(90));
        String invitee = "two-nodes-" + System.nanoTime() + "@example.test";
        assertThat(onA.get(base + "/members", tokenA).status()).isEqualTo(200);
        assertThat(onB.get(base + "/members", tokenB).status()).isEqualTo(200);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OrgAdminApi.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OrgAdminApi api = i < 2 ? onA : onB;
            String token = i < 2 ? tokenA : tokenB;
            String path = base + "/members/" + members.get(i) + "/suspension";
            answers.add(threads.submit(() -> {
                go.await();
                return api.post(path, token, Map.of("reason", round));
            }));
        }
        answers.add(threads.submit(() -> {
            go.await();
            return onB.post(base + "/invitations", tokenB, Map.of("email", invitee, "roles", List.of("pim-editor")));
        }));
        go.countDown();
        for (int i = 0; i < 4; i++) {
            OrgAdminApi.Answer answer = answers.get(i).get(3, TimeUnit.MINUTES);
            assertThat(answer.status()).as(round + ": " + answer).isEqualTo(200);
        }
        OrgAdminApi.Answer invited = answers.get(4).get(3, TimeUnit.MINUTES);
        assertThat(invited.status()).as(round + ": " + invited).isEqualTo(201);

        for (OrgAdminApi api : List.of(onA, onB)) {
            String listed = api.get(base + "/members?max=100", tokenA).body();
            for (String member : members) {
                assertThat(suspendedIn(listed, member)).as(round + ": " + member + " suspended").isTrue();
            }
            assertThat(api.get(base + "/invitations", tokenA).body()).as(round).contains(invitee).contains("pim-editor");
        }
        for (String member : members) {
            assertThat(onA.delete(base + "/members/" + member + "/suspension", tokenA).status()).isEqualTo(204);
        }
        String invitationId = new ObjectMapper().readTree(invited.body()).path("id").asText();
        assertThat(onB.delete(base + "/invitations/" + invitationId, tokenB).status()).isEqualTo(204);
    }

    @Test
    @Order(5)
    void twoAdminsDemotingEachOtherAtOnceOnTwoNodesLeaveExactlyOneAdmin() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                Orgs orgs = new Orgs(cluster.realm());
                String organization = orgs.create(Orgs.uniqueName("Two nodes demotion " + round));
                TestUser adminA = TestUsers.withPhones(cluster.realm(), 1);
                TestUser adminB = TestUsers.withPhones(cluster.realm(), 1);
                orgs.addMember(organization, adminA.id());
                orgs.addMember(organization, adminB.id());
                String base = "organizations/" + organization + "/members/";
                OrgAdminApi onA = new OrgAdminApi(cluster.node(Node.A)).waitingUpTo(Duration.ofSeconds(90));
                OrgAdminApi onB = new OrgAdminApi(cluster.node(Node.B)).waitingUpTo(Duration.ofSeconds(90));
                String tokenA = orgAdminToken(Node.A, adminA);
                assertThat(onA.put(base + adminB.id() + "/roles", tokenA, Map.of("roles", List.of("pim-org-admin"))).status())
                        .isEqualTo(200);
                String tokenB = orgAdminToken(Node.B, adminB);
                CountDownLatch go = new CountDownLatch(1);
                Future<OrgAdminApi.Answer> aDemotesB = threads.submit(() -> {
                    go.await();
                    return onA.put(base + adminB.id() + "/roles", tokenA, Map.of("roles", List.of("pim-viewer")));
                });
                Future<OrgAdminApi.Answer> bDemotesA = threads.submit(() -> {
                    go.await();
                    return onB.put(base + adminA.id() + "/roles", tokenB, Map.of("roles", List.of("pim-viewer")));
                });
                go.countDown();
                List<OrgAdminApi.Answer> answers = List.of(aDemotesB.get(3, TimeUnit.MINUTES), bDemotesA.get(3, TimeUnit.MINUTES));

                // The loser waited for the lock and found no other admin (409 last_admin), or came after the
                // winner committed and is no admin any more (403 not_organization_admin); never two 200s.
                assertThat(answers).as("round " + round + ": " + answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
                assertThat(answers).filteredOn(answer -> answer.status() != 200).allSatisfy(answer -> assertThat(answer.body())
                        .containsAnyOf("\"last_admin\"", "\"not_organization_admin\""));
                assertThat(orgs.adminIds(organization)).as("round " + round).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A database left by the previous version of the pack: a suspension and an invitation's roles kept in
     * organization attributes, and a realm not yet marked as moved. The new code does not read attributes;
     * a node that starts moves them into the tables once, and then both nodes show the suspension and the
     * invited roles, and the attributes are gone.
     */
    @Test
    @Order(5)
    void aNodeStartingOnAttributesTheOldPackWroteMovesThemIntoTheTablesOnce() throws Exception {
        Orgs orgs = new Orgs(cluster.realm());
        String organization = orgs.create(Orgs.uniqueName("Upgraded"));
        TestUser admin = TestUsers.withPhones(cluster.realm(), 1);
        String member = TestUsers.withPhones(cluster.realm(), 0).id();
        orgs.addMember(organization, admin.id());
        orgs.addMember(organization, member);
        String token = orgAdminToken(Node.A, admin);
        OrgAdminApi onA = new OrgAdminApi(cluster.node(Node.A)).waitingUpTo(Duration.ofSeconds(90));
        String base = "organizations/" + organization;
        OrgAdminApi.Answer invited = onA.post(base + "/invitations", token,
                Map.of("email", "upgraded-" + System.nanoTime() + "@example.test", "roles", List.of()));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String invitationId = new ObjectMapper().readTree(invited.body()).path("id").asText();

        OrganizationRepresentation old = orgs.get(organization).toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(old.getAttributes() == null ? Map.of() : old.getAttributes());
        attributes.put("pim.suspension." + member, List.of("reason0:Left before the upgrade", "since:1764662400000",
                "by:" + admin.id(), "byName:" + admin.username()));
        attributes.put("pim.invitation." + invitationId, List.of("pim-editor"));
        old.setAttributes(attributes);
        try (Response updated = orgs.get(organization).update(old)) {
            assertThat(updated.getStatus()).isEqualTo(204);
        }
        RealmRepresentation realm = cluster.realm().toRepresentation();
        realm.getAttributes().put("pim.organization-state", "");
        cluster.realm().update(realm);
        assertThat(suspendedIn(onA.get(base + "/members?max=100", token).body(), member))
                .as("the new code reads no attribute").isFalse();

        cluster.restart(Node.B);

        OrgAdminApi onB = new OrgAdminApi(cluster.node(Node.B)).waitingUpTo(Duration.ofSeconds(90));
        for (OrgAdminApi api : List.of(onB, onA)) {
            String members = Poll.until(Duration.ofSeconds(60), () -> api.get(base + "/members?max=100", token).body(),
                    listed -> suspendedIn(listed, member), "the moved suspension");
            assertThat(members).contains("Left before the upgrade").contains(admin.username());
            assertThat(api.get(base + "/invitations", token).body()).contains(invitationId).contains("pim-editor");
        }
        assertThat(orgs.get(organization).toRepresentation().getAttributes())
                .as("the old attributes are gone").doesNotContainKeys("pim.suspension." + member, "pim.invitation." + invitationId);
        assertThat(cluster.realm().toRepresentation().getAttributes()).containsEntry("pim.organization-state", "tables");
    }

    /**
     * Node B's join takes the organization's lock (the database's row lock) and then waits for the database;
     * node A's join waits for that lock, never beside it. Node B is killed: its transaction dies with its
     * connection, its first admin never commits, and node A's join goes on at once and makes its joiner the
     * one admin. No lease to wait out.
     */
    @Test
    @Order(6)
    void aNodeKilledHoldingAnOrganizationsLockNeitherWedgesItNorLeavesASecondAdmin() throws Exception {
        Orgs orgs = new Orgs(cluster.realm());
        String organization = orgs.create(Orgs.uniqueName("Killed holder"));
        String lostJoiner = TestUsers.withPhones(cluster.realm(), 0).id();
        String waiter = TestUsers.withPhones(cluster.realm(), 0).id();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> onA;
            try (AutoCloseable groupWrites = cluster.postgres().lockTable("keycloak_group")) {
                threads.submit(() -> {
                    try (Response response = cluster.realm(Node.B).organizations().get(organization).members().addMember(lostJoiner)) {
                        return response.getStatus();
                    }
                });
                Poll.until(Duration.ofSeconds(60), () -> cluster.tookOrganizationLock(Node.B, organization)
                                && cluster.postgres().sessionsWaitingForALock() > 0, held -> held,
                        "node B to hold the organization's lock while its join waits for the database");

                onA = threads.submit(() -> {
                    try (Response response = cluster.realm(Node.A).organizations().get(organization).members().addMember(waiter)) {
                        return response.getStatus();
                    }
                });
                Poll.until(Duration.ofSeconds(60), () -> cluster.postgres().sessionsWaitingForALock() > 1, waiting -> waiting,
                        "node A's join to wait for the lock node B holds");
                assertThat(onA.isDone()).as("node A waits while node B holds the lock").isFalse();
                cluster.kill(Node.B);
            }
            assertThat(onA.get(60, TimeUnit.SECONDS)).as("node A's join once node B died").isEqualTo(201);
            assertThat(orgs.members(organization)).extracting(m -> m.getId()).containsExactly(waiter);
            assertThat(orgs.adminIds(organization)).containsExactly(waiter);
        } finally {
            threads.shutdownNow();
            cluster.ensureBothUp(Duration.ofSeconds(120));
        }
    }

    @Test
    @Order(7)
    void whenNodeADiesAfterSendingTheCodeTheUserSignsInOnNodeBAndNothingIsLost() {
        Orgs orgs = new Orgs(cluster.realm());
        String organization = orgs.create(Orgs.uniqueName("Survivors"));
        TestUser user = TestUsers.withPhones(cluster.realm(), 2);
        orgs.addMember(organization, user.id());
        SignIn signIn = signInOn(Node.A);
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        String code = SentCodes.lastSmsTo(cluster.awsFake(), user.phones().get(0));

        cluster.kill(Node.A);
        on(signIn, Node.B);
        Page done = signIn.code(code);

        assertThat(done.isCallback()).as(done.text()).isTrue();
        Map<String, Object> access = Tokens.claims((String) signIn.tokens("pim", SignIn.PIM_SECRET).get("access_token"));
        assertThat(access).containsEntry("acr", "phone-otp");
        String alias = new Orgs(cluster.realm(Node.B)).get(organization).toRepresentation().getAlias();
        assertThat(Tokens.rolesIn(access, alias)).containsExactly("pim-org-admin");
        assertThat(cluster.realm(Node.B).users().get(user.id()).credentials())
                .filteredOn(credential -> "phone".equals(credential.getType())).hasSize(2);
        assertThat(new Orgs(cluster.realm(Node.B)).roles(organization, user.id())).containsExactly("pim-org-admin");
        assertThat(new Orgs(cluster.realm(Node.B)).adminIds(organization)).containsExactly(user.id());
    }

    /**
     * A browser trusted on node A is honoured on node B; the credential deleted through node B (a realm admin's
     * delete, as Forget on home deletes it) is refused on node A at once: trusted browsers are database rows.
     */
    @Test
    @Order(8)
    void aBrowserTrustedOnNodeAIsHonouredOnNodeBAndOnceForgottenOnNodeBRefusedOnNodeA() {
        TestUser user = TestUsers.withPhones(cluster.realm(), 1);
        SignIn signIn = trustedOn(Node.A, user);

        signIn.browser().restart();
        on(signIn, Node.B);
        signIn.open("pim");
        assertThat(signIn.password(user.username(), TestUsers.PASSWORD).isCallback()).as("honoured on node B").isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        assertThat(cluster.awsFake().sentTo(user.phone())).hasSize(1);

        cluster.realm(Node.B).users().get(user.id()).credentials().stream()
                .filter(credential -> "pim-trusted-browser".equals(credential.getType()))
                .forEach(credential -> cluster.realm(Node.B).users().get(user.id()).removeCredential(credential.getId()));

        signIn.browser().restart();
        on(signIn, Node.A);
        signIn.open("pim");
        Page refused = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(refused.hasForm("pim-phone-otp-select")).as("refused on node A: " + refused.text()).isTrue();
    }

    /** A trusted browser whose expiry passed (written into the database, the caches then cleared) asks the code again. */
    @Test
    @Order(9)
    void anExpiredTrustedBrowserAsksTheCodeAgain() {
        TestUser user = TestUsers.withPhones(cluster.realm(), 1);
        SignIn signIn = trustedOn(Node.A, user);

        cluster.postgres().execute("UPDATE credential SET credential_data = regexp_replace(credential_data, "
                + "'\"expiresAt\":[0-9]+', '\"expiresAt\":" + (System.currentTimeMillis() - 1000) + "') "
                + "WHERE type = 'pim-trusted-browser' AND user_id = '" + user.id() + "'");
        cluster.realm(Node.A).clearUserCache();
        cluster.realm(Node.B).clearUserCache();

        signIn.browser().restart();
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as("expired: " + select.text()).isTrue();
        signIn.send(select.phoneIds().get(0), "sms");
        assertThat(cluster.awsFake().sentTo(user.phone())).as("a text is sent").hasSize(2);
        assertThat(cluster.realm().users().get(user.id()).credentials())
                .filteredOn(credential -> "pim-trusted-browser".equals(credential.getType())).as("and it is gone").isEmpty();
    }

    private static SignIn trustedOn(Node node, TestUser user) {
        SignIn signIn = signInOn(node);
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        Page done = signIn.browser().submit("pim-phone-otp-code",
                Map.of("code", SentCodes.lastSmsTo(cluster.awsFake(), user.phone()), "trustBrowser", "on"), "verify");
        assertThat(done.isCallback()).as(done.text()).isTrue();
        return signIn;
    }

    /**
     * A join as a client that honours 503 {@code organization_busy}: on a loaded machine ten joins queued
     * on one organization's lock can outwait the lock's 20 s, and the contract then is to try again.
     */
    private static int joinRetryingWhileBusy(Node node, String organization, String userId) {
        return Poll.until(Duration.ofMinutes(3), () -> {
            try (Response response = cluster.realm(node).organizations().get(organization).members().addMember(userId)) {
                return response.getStatus();
            }
        }, status -> status != 503, "a join of " + userId + " through node " + node + " that is not refused as busy");
    }

    /** A phone-OTP token for the org-admin API, signed in on one node. */
    private static String orgAdminToken(Node node, TestUser admin) {
        SignIn signIn = signInOn(node);
        signIn.open(Clients.orgAdminCaller(cluster.realm()), "phone-otp");
        signIn.send(signIn.password(admin.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(cluster.awsFake(), admin.phone()));
        return (String) signIn.tokens(Clients.ORG_ADMIN_CALLER, null).get("access_token");
    }

    /** Whether a member list (JSON) shows the member with a suspension. */
    private static boolean suspendedIn(String members, String memberId) {
        try {
            for (JsonNode member : new ObjectMapper().readTree(members)) {
                if (memberId.equals(member.path("id").asText())) {
                    return member.path("suspended").isObject();
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SignIn signInOn(Node node) {
        Browser browser = new Browser(cluster.hostname());
        browser.routeTo(cluster.node(node));
        return new SignIn(cluster.hostname(), browser);
    }

    private static void on(SignIn signIn, Node node) {
        signIn.browser().routeTo(cluster.node(node));
    }
}
