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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PIM (demo), {@code examples/pim-demo}, as its own process: {@code java -jar} of the repackaged JAR
 * (system property {@code pim.demo.jar}, set by the POM) on one port, against one Keycloak. It is
 * ready when it answers its start page (a redirect to sign in).
 */
public final class PimDemo implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private PimDemo(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "pim-demo-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the demo and waits until it answers; its console output goes to {@code log}. */
    public static PimDemo start(int port, URI keycloak, Path log) {
        Path jar = Path.of(PimKeycloak.requiredProperty("pim.demo.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No demo JAR at " + jar + "; build examples/pim-demo through the reactor (-am)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                    "--server.port=" + port, "--pim.keycloak-url=" + keycloak))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PimDemo demo = new PimDemo(process, port, log);
            try {
                demo.awaitReady();
                return demo;
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo's address, by the host name its redirect URI is registered with. */
    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Its redirect URI at Keycloak: Spring Security's {@code {baseUrl}/login/oauth2/code/{registrationId}}. */
    public String redirectUri() {
        return url("/login/oauth2/code/pim");
    }

    /** Where Keycloak posts logout tokens: Spring Security's {@code {baseUrl}/logout/connect/back-channel/{registrationId}}. */
    public String backChannelLogoutUri() {
        return url("/logout/connect/back-channel/pim");
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to unregister.
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        HttpClient http = Http.builder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest start = HttpRequest.newBuilder(URI.create(url("/"))).timeout(Duration.ofSeconds(5)).build();
        Poll.until(Duration.ofMinutes(4), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("PIM (demo) exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return http.send(start, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }, status -> status == 302, "PIM (demo) on port " + port + " to answer (log " + log + ")");
    }
}
