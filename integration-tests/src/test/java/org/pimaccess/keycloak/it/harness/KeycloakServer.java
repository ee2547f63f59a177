package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real Keycloak Quarkus distribution, started as a process with {@code kc.sh start-dev}.
 * It stops on {@link #close()}, on JVM shutdown (Ctrl-C, a killed test run), and a run that was
 * killed outright leaves a pid file that the next start uses to clean up.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** Where the server writes its console output: a file for tests, the terminal for the run command. */
    public enum Output { FILE, INHERIT }

    /** How a single dev-mode server starts: H2 in memory unless options say otherwise, realm imported. */
    public static final List<String> START_DEV = List.of("start-dev", "--import-realm");

    /**
     * What to start and how. {@code realmExport} may be null (a second node of a cluster imports
     * nothing); {@code start} is the {@code kc.sh} command and its mode options.
     */
    public record Settings(Path home, Path realmExport, Path workDir, int httpPort, int managementPort,
                           List<String> options, Map<String, String> environment, Output output, Duration startTimeout,
                           List<String> start) {
    }

    private final Settings settings;
    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private KeycloakServer(Settings settings, Process process, Path log, Path pidFile) {
        this.settings = settings;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.shutdownHook = new Thread(this::stop, "keycloak-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static KeycloakServer start(Settings settings) {
        return start(settings, false);
    }

    /** Starts a stopped or killed server again; its log goes on after the old one, which stays readable. */
    public static KeycloakServer startAgain(Settings settings) {
        return start(settings, true);
    }

    private static KeycloakServer start(Settings settings, boolean again) {
        try {
            Files.createDirectories(settings.workDir());
            Path pidFile = settings.workDir().resolve("keycloak.pids");
            killLeftovers(pidFile, settings.home());
            deployRealm(settings);
            Path log = settings.workDir().resolve("keycloak-server.log");
            Process process = launch(settings, log, again);
            KeycloakServer server = new KeycloakServer(settings, process, log, pidFile);
            try {
                server.awaitReady();
                server.writePids();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The management interface: health and, with {@code --metrics-enabled=true}, {@code /metrics}. */
    public URI managementUrl() {
        return URI.create("http://localhost:" + settings.managementPort());
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + settings.httpPort());
    }

    /** How this server was started, to start it again. */
    public Settings settings() {
        return settings;
    }

    /** The server's console output. Under {@link Output#INHERIT} it went to the terminal instead. */
    public Path log() {
        return log;
    }

    /** Blocks until the server process ends, for the run command. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** The process id of the server's JVM (kc.sh's child), for reading its CPU time. */
    public long jvmPid() {
        return tree(process.toHandle()).stream()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JVM below the kc.sh process " + process.pid()));
    }

    /** Whether the server's process still runs (false once killed, stopped or crashed). */
    public boolean isAlive() {
        return !closed && process.isAlive();
    }

    /** Kills the server and its JVM outright (SIGKILL), as a machine that dies would. */
    public synchronized void kill() {
        List<ProcessHandle> tree = tree(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> awaitExit(handle, Duration.ofSeconds(10)));
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

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = tree(process.toHandle());
        // kc.sh traps TERM and forwards it to the Java process, which shuts Keycloak down cleanly.
        process.destroy();
        awaitExit(process.toHandle(), Duration.ofSeconds(30));
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroy();
                if (!awaitExit(handle, Duration.ofSeconds(15))) {
                    handle.destroyForcibly();
                    awaitExit(handle, Duration.ofSeconds(5));
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            System.err.println("Could not delete " + pidFile + ": " + e.getMessage());
        }
    }

    private static Process launch(Settings settings, Path log, boolean append) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", settings.home().resolve("bin/kc.sh").toString()));
        command.addAll(settings.start());
        command.addAll(List.of(
                "--http-port=" + settings.httpPort(),
                "--http-management-port=" + settings.managementPort(),
                "--health-enabled=true"));
        command.addAll(settings.options());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.home().toFile())
                .redirectErrorStream(true);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(settings.environment());
        if (settings.output() == Output.FILE) {
            builder.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        } else {
            builder.inheritIO();
        }
        return builder.start();
    }

    private static void deployRealm(Settings settings) throws IOException {
        if (settings.realmExport() == null) {
            return;
        }
        Path importDir = settings.home().resolve("data/import");
        Files.createDirectories(importDir);
        try (Stream<Path> old = Files.list(importDir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(settings.realmExport(), importDir.resolve("realm-export.json"));
    }

    private void awaitReady() {
        HttpClient http = Http.builder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://localhost:" + settings.managementPort() + "/health/ready");
        URI realm = baseUrl().resolve("/realms/pim");
        Instant deadline = Instant.now().plus(settings.startTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before it was ready. Log: " + log + "\n" + tail());
            }
            if (answers200(http, health) && answers200(http, realm)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + settings.startTimeout()
                + ". Log: " + log + "\n" + tail());
    }

    private static boolean answers200(HttpClient http, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        if (settings.output() != Output.FILE || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void writePids() throws IOException {
        String pids = tree(process.toHandle()).stream()
                .map(handle -> Long.toString(handle.pid()))
                .collect(Collectors.joining("\n"));
        Files.writeString(pidFile, pids + "\n");
    }

    /**
     * A run that was killed (SIGKILL, a CI timeout) cannot stop its server. The next run stops what
     * it left behind, but only processes that are plainly this Keycloak home's.
     */
    private static void killLeftovers(Path pidFile, Path home) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            if (line.isBlank()) {
                continue;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.trim()));
            handle.filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                    .ifPresent(h -> {
                        System.err.println("Stopping Keycloak process " + h.pid() + " left behind by an earlier run");
                        h.destroyForcibly();
                        awaitExit(h, Duration.ofSeconds(10));
                    });
        }
        Files.delete(pidFile);
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
