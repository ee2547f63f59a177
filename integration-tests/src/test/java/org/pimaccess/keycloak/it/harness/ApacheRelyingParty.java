package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * {@code examples/apache-rp} as it ships: Debian's Apache httpd with mod_auth_openidc, started with its own
 * configuration ({@code apache2 -f apache-rp.conf -k start}) on a free loopback port against the tests'
 * Keycloak, with client {@code apache-rp} created from the example's {@code client-apache-rp.json} (its
 * addresses moved to that port). Closing stops Apache and deletes the client.
 */
public final class ApacheRelyingParty implements AutoCloseable {

    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private static final Path MOD_AUTH_OPENIDC = Path.of("/usr/lib/apache2/modules/mod_auth_openidc.so");
    private static final String EXAMPLE_PORT = "8091";

    private final PimKeycloak keycloak;
    private final Path conf;
    private final Map<String, String> environment;
    private final Path run;
    private final int port;
    private String clientId;

    private ApacheRelyingParty(PimKeycloak keycloak, Path example, Path run, int port) {
        this.keycloak = keycloak;
        this.conf = example.resolve("apache-rp.conf").toAbsolutePath();
        this.run = run.toAbsolutePath();
        this.port = port;
        this.environment = Map.of(
                "PIM_RP_PORT", String.valueOf(port),
                "PIM_RP_HOME", example.toAbsolutePath().toString(),
                "PIM_RP_RUN", this.run.toString(),
                "PIM_KEYCLOAK_URL", keycloak.baseUrl().toString().replaceAll("/$", ""),
                "PIM_RP_CLIENT_SECRET", "apache-rp-" + UUID.randomUUID(),
                "PIM_RP_CRYPTO_PASSPHRASE", UUID.randomUUID().toString() + UUID.randomUUID());
    }

    /** Why Apache cannot run here (what to install), or null when it can. */
    public static String unavailableBecause() {
        if (!Files.isExecutable(APACHE) || !Files.isRegularFile(MOD_AUTH_OPENIDC)) {
            return "no " + APACHE + " with " + MOD_AUTH_OPENIDC + ": apt-get install apache2 libapache2-mod-auth-openidc";
        }
        return null;
    }

    /** Creates client {@code apache-rp}, starts Apache and waits until its protected page sends browsers to Keycloak. */
    public static ApacheRelyingParty start(PimKeycloak keycloak, int port, Path run) {
        Path example = Path.of(PimKeycloak.requiredProperty("pim.apache-rp.dir"));
        ApacheRelyingParty apache = new ApacheRelyingParty(keycloak, example, run, port);
        try {
            Files.createDirectories(run);
            apache.clientId = apache.createClient(example.resolve("client-apache-rp.json"));
            apache.apache("start");
            apache.awaitReady();
            return apache;
        } catch (IOException e) {
            apache.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            apache.close();
            throw e;
        }
    }

    /** The protected page, where the example shows the person's organizations and roles. */
    public String page() {
        return "http://127.0.0.1:" + port + "/protected/";
    }

    public Path errorLog() {
        return run.resolve("error.log");
    }

    private String createClient(Path shipped) throws IOException {
        String json = Files.readString(shipped).replace("127.0.0.1:" + EXAMPLE_PORT, "127.0.0.1:" + port);
        ClientRepresentation client = new ObjectMapper().readValue(json, ClientRepresentation.class);
        client.setSecret(environment.get("PIM_RP_CLIENT_SECRET"));
        keycloak.realm().clients().findByClientId(client.getClientId())
                .forEach(stale -> keycloak.realm().clients().get(stale.getId()).remove());
        try (Response created = keycloak.realm().clients().create(client)) {
            return CreatedResponseUtil.getCreatedId(created);
        }
    }

    private void apache(String signal) {
        List<String> command = new ArrayList<>(List.of(APACHE.toString(), "-f", conf.toString(), "-k", signal));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("apache2-" + signal + ".out").toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("apache2 -k " + signal + " failed; see " + run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = Http.builder().connectTimeout(Duration.ofSeconds(2)).build();
        // mod_auth_openidc redirects only requests that accept HTML, as browsers' do; others get 401.
        HttpRequest page = HttpRequest.newBuilder(URI.create(page())).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(10)).build();
        Poll.until(Duration.ofMinutes(2), () -> {
            try {
                HttpResponse<Void> answer = http.send(page, HttpResponse.BodyHandlers.discarding());
                return answer.statusCode() + " " + answer.headers().firstValue("Location").orElse("");
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e.toString();
            }
        }, answer -> answer.startsWith("302 " + keycloak.baseUrl().resolve("/realms/pim/")),
                "Apache on port " + port + " to send a browser to Keycloak (log " + errorLog() + ")");
    }

    @Override
    public void close() {
        try {
            if (Files.exists(run.resolve("httpd.pid"))) {
                apache("stop");
                Poll.until(Duration.ofSeconds(30), () -> Files.exists(run.resolve("httpd.pid")), running -> !running,
                        "Apache on port " + port + " to stop");
            }
        } finally {
            if (clientId != null) {
                keycloak.realm().clients().get(clientId).remove();
            }
        }
    }
}
