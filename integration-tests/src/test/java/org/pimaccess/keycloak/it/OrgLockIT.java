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
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * A slow request holds no lock that others need. An invitation with roles mails inside its transaction;
 * here the mail server accepts the connection and never answers, so the invitation is stuck until its mail
 * times out. Its invited roles are rows of their own, so it takes no organization lock: meanwhile the
 * organization's admin changes roles (making a role group, which takes the organization's row lock) and
 * suspends a member, and each answers at once.
 */
@PimKeycloakTest
class OrgLockIT {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void anInvitationStuckInTheMailServerHoldsNoLockAndOtherChangesToTheOrganizationAnswerMeanwhile(PimKeycloak keycloak)
            throws Exception {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Stuck");
        TestUser member = org.addMember(keycloak);
        TestUser other = org.addMember(keycloak);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Map<String, String> smtpBefore = keycloak.realm().toRepresentation().getSmtpServer();
        try (BlackHole smtp = new BlackHole()) {
            useSmtp(keycloak, Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()), "from", PimKeycloak.MAIL_FROM,
                    "timeout", Long.toString(MAIL_TIMEOUT.toMillis()), "connectionTimeout", "5000"));
            Future<Answer> stuck = thread.submit(() -> api.waitingUpTo(Duration.ofSeconds(180)).post(org.path("invitations"), org.adminToken(),
                    Map.of("email", "stuck-" + member.username() + "@example.test", "roles", List.of("pim-viewer"))));
            assertThat(smtp.connected.await(60, TimeUnit.SECONDS)).as("the invitation reached the mail server").isTrue();

            Answer changed = api.put(org.path("members/" + member.id() + "/roles"), org.adminToken(),
                    Map.of("roles", List.of("pim-editor")));
            Answer suspended = api.post(org.path("members/" + other.id() + "/suspension"), org.adminToken(),
                    Map.of("reason", "While an invitation is stuck"));

            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
            assertThat(stuck.isDone()).as("the invitation is still stuck in the mail server").isFalse();
            Answer holder = stuck.get(150, TimeUnit.SECONDS);
            assertThat(holder.status()).as(holder.toString()).isEqualTo(502);
            assertThat(holder.json().path("error").asText()).isEqualTo("email_failed");
        } finally {
            useSmtp(keycloak, smtpBefore);
            thread.shutdownNow();
        }
        assertThat(new Orgs(keycloak).roles(org.id(), member.id())).containsExactly("pim-editor");
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).as("the failed invitation rolled back").isEmpty();
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
