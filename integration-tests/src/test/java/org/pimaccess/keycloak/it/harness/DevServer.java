package org.pimaccess.keycloak.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The README's run command: Keycloak in dev mode on port 8080 with an H2 file database, the pack
 * deployed, realm {@code pim} imported and the {@code log} sender active; then PIM (demo) on port 8090,
 * which Open Application on home opens. Ctrl-C stops both.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path workDir = Path.of(System.getProperty("pim.work.dir"));
        Path phoneMessages = workDir.resolve("phone-messages.tsv");
        KeycloakServer server = KeycloakServer.start(new KeycloakServer.Settings(
                Path.of(System.getProperty("pim.keycloak.home")),
                Path.of(System.getProperty("pim.realm.export")),
                workDir,
                Integer.getInteger("pim.http.port", 8080),
                Integer.getInteger("pim.management.port", 9000),
                List.of("--spi-phone-message-sender--log--file=" + phoneMessages),
                Map.of(),
                KeycloakServer.Output.INHERIT,
                Duration.ofMinutes(4),
                KeycloakServer.START_DEV));
        String base = server.baseUrl().toString();
        Path demoLog = workDir.resolve("pim-demo.log");
        PimDemo demo;
        try {
            demo = PimDemo.start(Integer.getInteger("pim.demo.port", 8090), server.baseUrl(), demoLog);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.out.println();
        System.out.println("PIM Access for Keycloak is running (dev mode, H2 database).");
        System.out.println("  Admin console:    " + base + "/admin/  (user " + KeycloakServer.ADMIN_USERNAME
                + ", password " + KeycloakServer.ADMIN_PASSWORD + ")");
        System.out.println("  Home dashboard:   " + base + "/realms/pim/pim-home/");
        System.out.println("  Account console:  " + base + "/realms/pim/account");
        System.out.println("  PIM (demo):       " + demo.url("/") + "  (Open Application on home; log " + demoLog + ")");
        System.out.println("  One-time codes:   logged above by LogSender, and appended to " + phoneMessages);
        System.out.println("Press Ctrl-C to stop.");
        System.out.println();
        int status = server.awaitExit();
        demo.close();
        System.out.println("Keycloak stopped (status " + status + ").");
    }
}
