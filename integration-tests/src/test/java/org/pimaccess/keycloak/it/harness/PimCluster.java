package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Two real Keycloak nodes in production mode on one PostgreSQL database, forming one cluster the way
 * Keycloak does by default (embedded Infinispan, JGroups discovery through the database), with the
 * pack deployed and realm {@code pim} imported. Both nodes share the public hostname of node A, as
 * behind a load balancer; tests pick the node each request goes to. The AWS fake and GreenMail are
 * shared by both nodes.
 */
public final class PimCluster implements AutoCloseable {

    /** One of the two nodes. */
    public enum Node { A, B }

    /** The log category in which the pack's organization lock says when a lease is taken and released. */
    private static final String ORG_LOCK_LOG = "org.pimaccess.keycloak.organization.OrgLock";

    private final Postgres postgres;
    private final WireMockServer aws;
    private final AwsFake awsFake;
    private final GreenMail mail;
    private KeycloakServer nodeA;
    private KeycloakServer nodeB;
    private final URI hostname;
    private final Keycloak adminA;
    private final Keycloak adminB;

    private PimCluster(Postgres postgres, WireMockServer aws, GreenMail mail, KeycloakServer nodeA,
            KeycloakServer nodeB, URI hostname) {
        this.postgres = postgres;
        this.aws = aws;
        this.awsFake = new AwsFake(aws);
        this.mail = mail;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
        this.hostname = hostname;
        this.adminA = admin(node(Node.A));
        this.adminB = admin(node(Node.B));
    }

    public static PimCluster start() {
        Path workDir = Path.of(PimKeycloak.requiredProperty("pim.work.dir")).resolve("cluster");
        Path phoneMessages = workDir.resolve("phone-messages.tsv");
        CpuHog.startIfAsked();
        Postgres postgres = Postgres.start();
        WireMockServer aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(FreePorts.next()));
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        List<KeycloakServer> started = new ArrayList<>();
        try {
            Path homeA = workDir.resolve("node-a");
            Path homeB = workDir.resolve("node-b");
            buildForPostgres(Path.of(PimKeycloak.requiredProperty("pim.keycloak.home")), homeA, workDir);
            copy(homeA, homeB);
            aws.start();
            mail.start();
            int httpA = FreePorts.next();
            URI hostname = URI.create("http://127.0.0.1:" + httpA);
            List<String> common = PimKeycloak.withSenders(List.of(
                    "--hostname=" + hostname,
                    "--http-enabled=true",
                    "--db-url=" + postgres.jdbcUrl(),
                    "--db-username=" + Postgres.USER,
                    "--db-password=" + Postgres.PASSWORD,
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--log-level=INFO," + ORG_LOCK_LOG + ":debug"), "http://127.0.0.1:" + aws.port(), phoneMessages);
            // Node A first: on an empty database two nodes race to create Liquibase's own changelog table
            // before its lock exists, and one fails (seen once in CI). Node B then joins A's cluster.
            started.add(KeycloakServer.start(node(homeA, Path.of(PimKeycloak.requiredProperty("pim.realm.export")),
                    workDir.resolve("a"), httpA, common, List.of("start", "--optimized", "--import-realm"))));
            started.add(KeycloakServer.start(node(homeB, null, workDir.resolve("b"), FreePorts.next(), common,
                    List.of("start", "--optimized"))));
            PimCluster cluster = new PimCluster(postgres, aws, mail, started.get(0), started.get(1), hostname);
            System.out.println("Keycloak cluster is up: A " + cluster.node(Node.A) + ", B " + cluster.node(Node.B)
                    + "; logs " + started.get(0).log() + " and " + started.get(1).log());
            PimKeycloak.prepareRealm(cluster.realm(), mail);
            return cluster;
        } catch (Exception e) {
            started.forEach(KeycloakServer::close);
            mail.stop();
            aws.stop();
            postgres.close();
            throw new IllegalStateException("The Keycloak cluster did not start: " + e.getMessage(), e);
        }
    }

    /** The URL that node's requests go to. */
    public URI node(Node node) {
        return URI.create("http://127.0.0.1:" + server(node).baseUrl().getPort());
    }

    /** The public hostname both nodes share: node A's address. */
    public URI hostname() {
        return hostname;
    }

    public RealmResource realm() {
        return adminA.realm(PimKeycloak.REALM);
    }

    /** The admin API through this node. */
    public RealmResource realm(Node node) {
        return (node == Node.A ? adminA : adminB).realm(PimKeycloak.REALM);
    }

    public AwsFake awsFake() {
        return awsFake;
    }

    public PhoneOtpSettings phoneOtpSettings() {
        return new PhoneOtpSettings(realm());
    }

    public Path log(Node node) {
        return server(node).log();
    }

    /**
     * Both nodes' latest cluster view has two members, within the deadline: the last {@code ISPN000094}
     * line of each log, since a node that saw its peer leave and come back logged a view of 1 between.
     */
    public void awaitViewOfTwo(Duration deadline) {
        for (Node node : Node.values()) {
            Poll.until(deadline, () -> latestView(node), view -> view.contains("(2)"),
                    "a cluster view of 2 members in the log of node " + node);
        }
    }

    /**
     * The node's latest topology of one cache has that node alone: the peer's death is installed in the
     * cache, not only in the cluster view, so no command on the cache is forwarded to the dead peer and
     * retried (Infinispan retries a conditional write that met a topology change as one that may already
     * have been applied). The last {@code [Context=<cache>]} line naming members decides.
     */
    public void awaitCacheAlone(Node node, String cache, Duration deadline) {
        String context = "[Context=" + cache + "]";
        Poll.until(deadline, () -> read(log(node)).lines()
                        .filter(line -> line.contains(context) && line.contains("members"))
                        .reduce((first, second) -> second).orElse(""),
                line -> line.contains("[") && line.indexOf(']', line.lastIndexOf('[')) > 0
                        && !line.substring(line.lastIndexOf('['), line.indexOf(']', line.lastIndexOf('['))).contains(","),
                "node " + node + "'s " + cache + " cache topology without its peer");
    }

    /**
     * Both nodes run and see each other: a node a test killed or stopped (also one whose test failed
     * before it restarted the node) is started again, then both views must show two members.
     */
    public void ensureBothUp(Duration deadline) {
        for (Node node : Node.values()) {
            if (!server(node).isAlive()) {
                System.err.println("Node " + node + " was down before this test; starting it again");
                restart(node);
            }
        }
        awaitViewOfTwo(deadline);
    }

    /** SIGKILL on the node's JVM, as when the machine dies. */
    public void kill(Node node) {
        server(node).kill();
    }

    /**
     * Whether the node logged that it took the organization's lock (the database's row lock, held until its
     * transaction ends; the pack logs it at DEBUG in category {@value #ORG_LOCK_LOG}, which the nodes enable).
     */
    public boolean tookOrganizationLock(Node node, String organizationId) {
        return read(log(node)).contains("Organization lock " + organizationId + " taken");
    }

    /** Starts a killed or stopped node again with its settings, as a rolling restart does; waits until it is ready. */
    public void restart(Node node) {
        KeycloakServer old = server(node);
        old.close();
        KeycloakServer started = KeycloakServer.startAgain(old.settings());
        if (node == Node.A) {
            nodeA = started;
        } else {
            nodeB = started;
        }
    }

    /** The cluster's database, for tests that hold its locks. */
    public Postgres postgres() {
        return postgres;
    }

    @Override
    public void close() {
        try {
            adminA.close();
            adminB.close();
        } finally {
            try {
                nodeA.close();
                nodeB.close();
            } finally {
                mail.stop();
                aws.stop();
                postgres.close();
            }
        }
    }

    private KeycloakServer server(Node node) {
        return node == Node.A ? nodeA : nodeB;
    }

    private static Keycloak admin(URI node) {
        return KeycloakBuilder.builder().serverUrl(node.toString()).realm("master").clientId("admin-cli")
                .username(KeycloakServer.ADMIN_USERNAME).password(KeycloakServer.ADMIN_PASSWORD).build();
    }

    private static KeycloakServer.Settings node(Path home, Path realmExport, Path workDir, int httpPort,
            List<String> common, List<String> start) {
        List<String> options = new ArrayList<>(common);
        options.add("--cache-embedded-network-bind-port=" + FreePorts.next());
        return new KeycloakServer.Settings(home, realmExport, workDir, httpPort, FreePorts.next(), options,
                PimKeycloak.AWS_CREDENTIALS, KeycloakServer.Output.FILE, PimKeycloak.START_TIMEOUT, start);
    }

    /** A copy of the unpacked distribution (pack deployed), built once for PostgreSQL. */
    private static void buildForPostgres(Path dist, Path home, Path workDir) throws IOException, InterruptedException {
        copy(dist, home);
        Path log = workDir.resolve("build.log");
        Process build = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "build", "--db=postgres",
                "--health-enabled=true")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build --db=postgres failed; see " + log);
        }
    }

    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to.getParent());
        if (Files.exists(to)) {
            run("rm", "-rf", to.toString());
        }
        run("cp", "-a", from.toString(), to.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private String latestView(Node node) {
        List<String> views = read(log(node)).lines().filter(line -> line.contains("ISPN000094")).toList();
        return views.isEmpty() ? "(no view yet)" : views.get(views.size() - 1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
