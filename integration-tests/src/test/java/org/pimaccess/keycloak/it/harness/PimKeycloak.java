package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Everything a test run shares: one real Keycloak with the pack deployed and realm {@code pim}
 * imported, fakes of the gateways (AWS, a webhook, Twilio) that record what the senders send, and an
 * SMTP server that is the realm's mail server.
 */
public final class PimKeycloak implements AutoCloseable {

    public static final String REALM = "pim";
    public static final String MAIL_FROM = "no-reply@pim-access.test";
    /**
     * The AWS and Twilio senders' call timeout in tests. Not the documented default of 5 s: on a loaded
     * two-core machine the first call through the AWS SDK (class loading, client set-up) took longer
     * than that against a fake that answers at once. A test that needs a timeout stalls the fake far beyond this.
     */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Sender {@code http}'s call timeout in tests: long, so that a gateway stalled on purpose holds the
     * bulkhead's slots for as long as a test on a loaded machine needs to watch them held.
     */
    public static final Duration WEBHOOK_CALL_TIMEOUT = Duration.ofSeconds(40);
    /**
     * How long a test server may take to be ready: on a loaded two-core machine dev mode's build step
     * alone took 2.5 minutes. Only a server that never comes up waits this long.
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /** The bulkhead of sender {@code http} in tests: small, so a test can fill it. */
    public static final int WEBHOOK_MAX_CONCURRENT_CALLS = 4;

    private final WireMockServer aws;
    private final AwsFake awsFake;
    private final WireMockServer webhook;
    private final WireMockServer twilio;
    private final WebhookFake webhookFake;
    private final TwilioFake twilioFake;
    private final GreenMail mail;
    private final KeycloakServer server;
    private final Keycloak admin;
    private final Path phoneMessages;

    private PimKeycloak(WireMockServer aws, WireMockServer webhook, WireMockServer twilio, GreenMail mail,
                        KeycloakServer server, Keycloak admin, Path phoneMessages) {
        this.aws = aws;
        this.awsFake = new AwsFake(aws);
        this.webhook = webhook;
        this.webhookFake = new WebhookFake(webhook);
        this.twilio = twilio;
        this.twilioFake = new TwilioFake(twilio);
        this.mail = mail;
        this.server = server;
        this.admin = admin;
        this.phoneMessages = phoneMessages;
    }

    /** Starts the environment; tests get it from {@link PimKeycloakExtension}, the benchmark calls this. */
    public static PimKeycloak start() {
        Path workDir = Path.of(requiredProperty("pim.work.dir"));
        Path phoneMessages = workDir.resolve("phone-messages.tsv");

        WireMockServer aws = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").port(FreePorts.next()));
        aws.start();
        String awsEndpoint = "http://127.0.0.1:" + aws.port();
        // Room for a burst of stalled webhook calls and the benchmark's concurrency.
        WireMockServer webhook = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").port(FreePorts.next()).containerThreads(40));
        webhook.start();
        WireMockServer twilio = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").port(FreePorts.next()));
        twilio.start();
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();

        KeycloakServer server;
        int httpPort = FreePorts.next();
        try {
            server = KeycloakServer.start(new KeycloakServer.Settings(
                    Path.of(requiredProperty("pim.keycloak.home")),
                    Path.of(requiredProperty("pim.realm.export")),
                    workDir,
                    httpPort,
                    FreePorts.next(),
                    withGateways(withSenders(serverOptions(httpPort), awsEndpoint, phoneMessages), webhook, twilio, workDir),
                    AWS_CREDENTIALS,
                    KeycloakServer.Output.FILE,
                    START_TIMEOUT,
                    KeycloakServer.START_DEV));
        } catch (RuntimeException e) {
            mail.stop();
            aws.stop();
            webhook.stop();
            twilio.stop();
            throw e;
        }
        System.out.println("Keycloak is up at " + server.baseUrl() + "; its log is " + server.log());

        Keycloak admin = KeycloakBuilder.builder()
                .serverUrl(server.baseUrl().toString())
                .realm("master")
                .clientId("admin-cli")
                .username(KeycloakServer.ADMIN_USERNAME)
                .password(KeycloakServer.ADMIN_PASSWORD)
                .build();
        PimKeycloak environment = new PimKeycloak(aws, webhook, twilio, mail, server, admin, phoneMessages);
        prepareRealm(environment.realm(), mail);
        Clients.acceptTestServer(environment.realm(), server.baseUrl());
        return environment;
    }

    /**
     * {@code --db=dev-mem}, {@code --proxy-headers=xforwarded} with {@code --proxy-trusted-addresses} set
     * to loopback's 127.0.0.1 and ::1 (as behind a reverse proxy there, so tests can stand in for clients
     * at other addresses, while a client from 127.0.0.2 is one that skips the proxy; ::1 written as the
     * range ::1/128, since Quarkus reads a bare {@code ::1} as a host name, looks it up on every request
     * and leaves a UDP socket open each time: the benchmark's server ran out of file descriptors), {@code --hostname}
     * (links in mails and the Web OTP line never take an outsider's {@code Host}) and {@code --metrics-enabled=true} (unless they say otherwise), plus any options in the system property
     * {@code pim.keycloak.options} (space-separated); the benchmark uses it to turn dev mode's theme
     * caching back on.
     */
    private static List<String> serverOptions(int httpPort) {
        List<String> options = new ArrayList<>(List.of("--db=dev-mem", "--proxy-headers=xforwarded",
                "--proxy-trusted-addresses=127.0.0.1,::1/128", "--hostname=http://localhost:" + httpPort));
        String extra = System.getProperty("pim.keycloak.options", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        // The benchmark measures what metrics cost by turning them off here.
        if (options.stream().noneMatch(option -> option.startsWith("--metrics-enabled"))) {
            options.add("--metrics-enabled=true");
        }
        return options;
    }

    /** The AWS default credentials chain reads these; the fake does not check signatures. */
    static final Map<String, String> AWS_CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

    /** The server options plus those that point both AWS senders at the fake and the log sender at a file. */
    static List<String> withSenders(List<String> options, String awsEndpoint, Path phoneMessages) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(
                "--spi-phone-message-sender--log--file=" + phoneMessages,
                "--spi-phone-message-sender--aws-sns--endpoint-override=" + awsEndpoint,
                "--spi-phone-message-sender--aws-sns--region=us-east-1",
                "--spi-phone-message-sender--aws-sns--call-timeout-ms=" + CALL_TIMEOUT.toMillis(),
                "--spi-phone-message-sender--aws-end-user-messaging--endpoint-override=" + awsEndpoint,
                "--spi-phone-message-sender--aws-end-user-messaging--region=us-east-1",
                "--spi-phone-message-sender--aws-end-user-messaging--origination-identity=+12065550100",
                "--spi-phone-message-sender--aws-end-user-messaging--call-timeout-ms=" + CALL_TIMEOUT.toMillis()));
        return all;
    }

    /**
     * Senders {@code http} and {@code twilio} against their fakes. The webhook's HMAC secret comes from
     * Keycloak's file vault, as an operator would keep it: the option names the entry, escaped so that
     * Keycloak's configuration leaves {@code ${vault...}} to the sender. The webhook carries SMS only.
     */
    static List<String> withGateways(List<String> options, WireMockServer webhook, WireMockServer twilio, Path workDir) {
        Path vault = workDir.resolve("vault");
        try {
            Files.createDirectories(vault);
            Files.writeString(vault.resolve(REALM + "_" + WebhookFake.VAULT_KEY), WebhookFake.SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(
                "--vault=file",
                "--vault-dir=" + vault,
                "--spi-phone-message-sender--http--url=http://127.0.0.1:" + webhook.port() + WebhookFake.PATH,
                "--spi-phone-message-sender--http--hmac-secret=\\${vault." + WebhookFake.VAULT_KEY + "}",
                "--spi-phone-message-sender--http--authorization=" + WebhookFake.AUTHORIZATION,
                "--spi-phone-message-sender--http--methods=sms",
                "--spi-phone-message-sender--http--max-concurrent-calls=" + WEBHOOK_MAX_CONCURRENT_CALLS,
                "--spi-phone-message-sender--http--call-timeout-ms=" + WEBHOOK_CALL_TIMEOUT.toMillis(),
                "--spi-phone-message-sender--twilio--endpoint-override=http://127.0.0.1:" + twilio.port(),
                "--spi-phone-message-sender--twilio--account-sid=" + TwilioFake.ACCOUNT_SID,
                "--spi-phone-message-sender--twilio--auth-token=" + TwilioFake.AUTH_TOKEN,
                "--spi-phone-message-sender--twilio--from=" + TwilioFake.FROM,
                "--spi-phone-message-sender--twilio--call-timeout-ms=" + CALL_TIMEOUT.toMillis()));
        return all;
    }

    /**
     * GreenMail as the realm's mail server, the test baselines of the phone and registration settings, and
     * client {@code pim} accepting the tests' loopback callbacks.
     */
    static void prepareRealm(RealmResource realm, GreenMail mail) {
        RealmRepresentation update = new RealmRepresentation();
        update.setSmtpServer(Map.of(
                "host", "127.0.0.1",
                "port", Integer.toString(mail.getSmtp().getPort()),
                "from", MAIL_FROM,
                "fromDisplayName", "PIM Access"));
        realm.update(update);
        new PhoneOtpSettings(realm).useForTests();
        new RegistrationSettings(realm).useForTests();
        Clients.pimAcceptsTestCallbacks(realm);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /** The Prometheus text the server serves on its management port now. */
    public String metrics() {
        try {
            HttpResponse<String> response = Http.client().send(
                    HttpRequest.newBuilder(server.managementUrl().resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Keycloak admin() {
        return admin;
    }

    /** The running server's Keycloak version, as its server info reports it (for example {@code 26.4.7}). */
    public String keycloakVersion() {
        return admin.serverInfo().getInfo().getSystemInfo().getVersion();
    }

    /**
     * Whether the running Keycloak is {@code major.minor} or newer, for the few answers that the README's
     * *Supported versions* table gives per Keycloak version.
     */
    public boolean keycloakAtLeast(int major, int minor) {
        String[] parts = keycloakVersion().split("[.-]");
        int runningMajor = Integer.parseInt(parts[0]);
        return runningMajor > major || (runningMajor == major && Integer.parseInt(parts[1]) >= minor);
    }

    public RealmResource realm() {
        return admin.realm(REALM);
    }

    public Path serverLog() {
        return server.log();
    }

    /** The process id of the Keycloak JVM. */
    public long serverPid() {
        return server.jvmPid();
    }

    /** Every SNS and End User Messaging request the AWS SDK makes lands here. */
    public AwsFake awsFake() {
        return awsFake;
    }

    /** Every POST of sender {@code http} lands here. */
    public WebhookFake webhookFake() {
        return webhookFake;
    }

    /** Every Twilio API call of sender {@code twilio} lands here. */
    public TwilioFake twilioFake() {
        return twilioFake;
    }

    /** The configuration of the realm's phone-register required action. */
    public RegistrationSettings registrationSettings() {
        return new RegistrationSettings(realm());
    }

    /** The configuration of the realm's phone-otp-authenticator execution. */
    public PhoneOtpSettings phoneOtpSettings() {
        return new PhoneOtpSettings(realm());
    }

    public GreenMail mail() {
        return mail;
    }

    public Mailbox mailbox() {
        return new Mailbox(mail);
    }

    /** The file the {@code log} sender appends each message to. */
    public Path phoneMessages() {
        return phoneMessages;
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            try {
                server.close();
            } finally {
                mail.stop();
                aws.stop();
                webhook.stop();
                twilio.stop();
            }
        }
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name
                    + " is not set: run the integration tests through Maven (./mvnw verify)");
        }
        return value;
    }
}
