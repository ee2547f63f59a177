package org.pimaccess.keycloak.release;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The Keycloak this pack runs on, held against the range the pack is built and tested for. One JAR serves
 * Keycloak {@value #SUPPORTED}: where Keycloak's API changed within the range the pack reads what the running
 * build has (see {@link BearerCaller}, {@code WrongCodes}, {@code KeycloakOrganizations}), and a feature that a
 * build lacks is switched off by its own module with one WARN at start. Outside the range the server still
 * starts: the pack says so once, as an ERROR, instead of failing Keycloak's build with a linkage error. Where an
 * older build lacks a behaviour that the shipped realm relies on, the pack supplies it ({@link DefaultClientScopesOnImport}).
 */
public final class KeycloakRelease {

    public static final String SUPPORTED = "26.4 to 26.7";
    private static final int MAJOR = 26;
    private static final int OLDEST_MINOR = 4;
    private static final int NEWEST_MINOR = 7;

    private static final Logger LOG = Logger.getLogger(KeycloakRelease.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private KeycloakRelease() {
    }

    /** The running Keycloak's version, as it reports it (for example {@code 26.4.7}). */
    public static String version() {
        return Version.VERSION;
    }

    /** Whether {@code version} lies in the supported range; a version that cannot be read is outside. */
    static boolean supported(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            return major == MAJOR && minor >= OLDEST_MINOR && minor <= NEWEST_MINOR;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Once per server, from a factory's {@code postInit}: the ERROR for a Keycloak outside the range, and on a
     * build that does not read the realm attribute {@code CreateDefaultClientScopes} itself (before 26.6), the
     * listener that does ({@link DefaultClientScopesOnImport}).
     */
    public static void atStart(KeycloakSessionFactory factory) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        if (!supported(version())) {
            LOG.errorf("PIM Access supports Keycloak %s; this server is Keycloak %s. The pack is loaded anyway: "
                    + "features whose Keycloak API this build lacks are switched off (each named in a WARN), "
                    + "and the rest is untested on this version.", SUPPORTED, version());
        }
        if (!DefaultClientScopesOnImport.keycloakHonoursIt()) {
            factory.register(new DefaultClientScopesOnImport());
        }
    }

    /** Whether the running Keycloak has the class, so that a feature needing it can be switched off without. */
    public static boolean hasClass(String name) {
        try {
            Class.forName(name, false, KeycloakRelease.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The WARN that a feature is off on this build; each module logs its own features once, at start. */
    public static void switchedOff(Logger log, String feature, String needs) {
        log.warnf("Switched off on Keycloak %s: %s. It needs Keycloak %s.", version(), feature, needs);
    }
}
