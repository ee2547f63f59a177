package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * The organization lock is a lease that really ends. An invitation with roles takes the organization's
 * lock and then mails; here the mail server accepts the connection and never answers, so the holder
 * stays stuck for longer than the 60 s lease. Others get 503 organization_busy meanwhile, and the lock
 * is free once the lease has run out, although its holder still runs: the lock entry's lifespan is the
 * lease (in Keycloak 26.7 a replaced entry would never expire).
 */
@PimKeycloakTest
class OrgLockIT {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Test
    void aHolderStuckPastItsLeaseLosesTheLockWhenTheLeaseEndsAndOthersAreToldTheOrganizationIsBusyUntilThen(
            PimKeycloak keycloak) throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Stuck");
        TestUser member = org.addMember(keycloak);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Map<String, String> smtpBefore = keycloak.realm().toRepresentation().getSmtpServer();
        try (BlackHole smtp = new BlackHole()) {
            useSmtp(keycloak, Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()), "from", PimKeycloak.MAIL_FROM,
                    "timeout", "100000", "connectionTimeout", "5000"));
            // Before the request: the holder takes its lease after this, so the wait measured from here is at most the lease's.
            long lockedBefore = System.nanoTime();
            Future<Answer> stuck = thread.submit(() -> api.waitingUpTo(Duration.ofSeconds(180)).post(org.path("invitations"), org.adminToken(),
                    Map.of("email", "stuck-" + member.username() + "@example.test", "roles", List.of("pim-viewer"))));
            assertThat(smtp.connected.await(60, TimeUnit.SECONDS)).as("the invitation reached the mail server").isTrue();
            String rolesPath = org.path("members/" + member.id() + "/roles");

            Answer busy = api.put(rolesPath, org.adminToken(), Map.of("roles", List.of("pim-editor")));

            assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
            assertThat(busy.json().path("error").asText()).isEqualTo("organization_busy");
            assertThat(busy.json().path("message").asText()).isNotBlank();
            assertThat(Long.parseLong(busy.header("Retry-After"))).isPositive();

            Answer changed = Poll.until(Duration.ofSeconds(120),
                    () -> api.put(rolesPath, org.adminToken(), Map.of("roles", List.of("pim-editor"))),
                    answer -> answer.status() != 503, "the lock to be free after its lease");
            Duration waited = Duration.ofNanos(System.nanoTime() - lockedBefore);

            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(waited).as("the lease held").isGreaterThan(LEASE.minusSeconds(10));
            assertThat(stuck.isDone()).as("the holder is still stuck in the mail server").isFalse();
            Answer holder = stuck.get(150, TimeUnit.SECONDS);
            assertThat(holder.status()).as(holder.toString()).isEqualTo(502);
            assertThat(holder.json().path("error").asText()).isEqualTo("email_failed");
        } finally {
            useSmtp(keycloak, smtpBefore);
            thread.shutdownNow();
        }
        assertThat(new Orgs(keycloak).roles(org.id(), member.id())).containsExactly("pim-editor");
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();
        Answer afterwards = api.put(org.path("members/" + member.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-viewer")));
        assertThat(afterwards.status()).as("the organization is not wedged: " + afterwards).isEqualTo(200);
    }

    private static void useSmtp(PimKeycloak keycloak, Map<String, String> smtp) {
        RealmRepresentation update = new RealmRepresentation();
        update.setSmtpServer(new HashMap<>(smtp));
        keycloak.realm().update(update);
    }

    /** A mail server that accepts connections and never says a word. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final CountDownLatch connected = new CountDownLatch(1);
        private final Thread acceptor = new Thread(this::accept, "smtp-black-hole");

        BlackHole() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                    connected.countDown();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
