package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL for the cluster tests (Debian's cluster tools, run as root). It is started
 * if it is down, each run gets a fresh database, and on close the database is dropped and PostgreSQL
 * stopped again if this run started it.
 */
public final class Postgres implements AutoCloseable {

    static final String USER = "keycloak";
    static final String PASSWORD = "keycloak";

    private final String version;
    private final String cluster;
    private final int port;
    private final String database;
    private final boolean startedHere;

    private Postgres(String version, String cluster, int port, String database, boolean startedHere) {
        this.version = version;
        this.cluster = cluster;
        this.port = port;
        this.database = database;
        this.startedHere = startedHere;
    }

    /** Why this machine cannot run the cluster tests, or null when it can. */
    public static String unavailableBecause() {
        try {
            if (!"0".equals(run(List.of("id", "-u")).trim())) {
                return "the cluster tests manage PostgreSQL with Debian's tools and need root";
            }
            if (run(List.of("pg_lsclusters", "-h")).isBlank()) {
                return "no PostgreSQL cluster is installed (apt-get install postgresql)";
            }
            return null;
        } catch (IllegalStateException e) {
            return "PostgreSQL's tools are missing (" + e.getMessage() + ")";
        }
    }

    public static Postgres start() {
        String[] fields = run(List.of("pg_lsclusters", "-h")).lines().findFirst().orElseThrow().trim().split("\\s+");
        String version = fields[0];
        String cluster = fields[1];
        int port = Integer.parseInt(fields[2]);
        boolean down = !fields[3].startsWith("online");
        if (down) {
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"));
        }
        String database = "pim_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Postgres postgres = new Postgres(version, cluster, port, database, down);
        postgres.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                + "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$;");
        postgres.sql("CREATE DATABASE " + database + " OWNER " + USER + ";");
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE);");
        } finally {
            if (startedHere) {
                run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "stop"));
            }
        }
    }

    /**
     * Takes a table lock in the test database and holds it until closed, from a psql session of its own:
     * {@code EXCLUSIVE} lets others read the table but makes their writes wait.
     */
    public AutoCloseable lockTable(String table) {
        try {
            Process psql = new ProcessBuilder("runuser", "-u", "postgres", "--", "psql", "-p", Integer.toString(port), "-d",
                    database, "-v", "ON_ERROR_STOP=1", "-qAt").redirectErrorStream(true).start();
            psql.getOutputStream().write(("BEGIN; LOCK TABLE " + table + " IN EXCLUSIVE MODE; SELECT 'locked';\n")
                    .getBytes(StandardCharsets.UTF_8));
            psql.getOutputStream().flush();
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"locked".equals(answer)) {
                psql.destroyForcibly();
                throw new IllegalStateException("Could not lock " + table + ": " + answer);
            }
            return () -> {
                psql.getOutputStream().write("ROLLBACK;\n\\q\n".getBytes(StandardCharsets.UTF_8));
                psql.getOutputStream().flush();
                if (!psql.waitFor(10, TimeUnit.SECONDS)) {
                    psql.destroyForcibly();
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException("psql: " + e.getMessage(), e);
        }
    }

    /** Runs one statement in the test database, behind Keycloak's back (clear its caches after). */
    public void execute(String statement) {
        run(List.of("runuser", "-u", "postgres", "--", "psql", "-p", Integer.toString(port), "-d", database, "-v",
                "ON_ERROR_STOP=1", "-qAt", "-c", statement));
    }

    /** How many sessions of the test database wait for a lock right now. */
    public int sessionsWaitingForALock() {
        return Integer.parseInt(run(List.of("runuser", "-u", "postgres", "--", "psql", "-p", Integer.toString(port), "-qAt",
                "-c", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "' AND wait_event_type = 'Lock'"))
                .trim());
    }

    private void sql(String statement) {
        run(List.of("runuser", "-u", "postgres", "--", "psql", "-p", Integer.toString(port), "-v", "ON_ERROR_STOP=1",
                "-qAt", "-c", statement));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }
}
