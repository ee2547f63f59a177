package org.pimaccess.keycloak.it.harness;

import java.time.Duration;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;

/**
 * What Keycloak's brute-force protector counted for a user. Keycloak records a failure on another
 * thread after it answered the browser, so a test that fails again at once can race the recording of
 * the failure before: on a loaded machine one of three quick wrong codes went uncounted. Tests fail
 * once, wait until that failure is counted, and only then fail again.
 */
public final class BruteForce {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private BruteForce() {
    }

    /**
     * Turns the realm's brute-force protection on with a lockout after {@code failures} failures (quick-login
     * check 1 ms, 600 s wait), until closed: the realm's settings as they were come back.
     */
    public static AutoCloseable lockoutAfter(RealmResource realm, int failures) {
        return RealmSettings.change(realm, settings -> {
            settings.setBruteForceProtected(true);
            settings.setFailureFactor(failures);
            settings.setQuickLoginCheckMilliSeconds(1L);
            settings.setWaitIncrementSeconds(600);
        });
    }

    /** Waits until at least {@code failures} failures are counted for the user; returns the status seen. */
    public static Map<String, Object> awaitFailures(RealmResource realm, String userId, int failures) {
        return Poll.until(DEADLINE, () -> realm.attackDetection().bruteForceUserStatus(userId),
                status -> status.get("numFailures") instanceof Number counted && counted.intValue() >= failures,
                failures + " failure(s) counted by the brute-force protector");
    }

    /** Waits until the protector has locked the user out. */
    public static Map<String, Object> awaitLockout(RealmResource realm, String userId) {
        return Poll.until(DEADLINE, () -> realm.attackDetection().bruteForceUserStatus(userId),
                status -> Boolean.TRUE.equals(status.get("disabled")), "the brute-force protector to lock the user");
    }
}
