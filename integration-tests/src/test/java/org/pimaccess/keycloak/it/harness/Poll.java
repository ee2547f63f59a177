package org.pimaccess.keycloak.it.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for something to become true by asking again until a deadline; never sleeps and hopes. */
public final class Poll {

    private Poll() {
    }

    public static <T> T until(Duration deadline, Supplier<T> probe, Predicate<T> done, String what) {
        Instant end = Instant.now().plus(deadline);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Gave up after " + deadline + " waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
