package org.pimaccess.keycloak.code;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * A cap of N sends per window as N slots in Keycloak's cluster-wide single-use store, each taken with an
 * atomic {@code putIfAbsent} that expires after the window. The search starts at a random slot: with k of
 * N taken it tries about N/(N-k) slots instead of k+1. Code sends ({@link SendLimiter}) and reset-link
 * mails count this way.
 */
public final class CapSlots {

    private CapSlots() {
    }

    /** The key of the slot taken for {@code subject}, or empty when all {@code cap} are taken. */
    public static Optional<String> take(SingleUseObjectProvider store, String subject, int cap, long windowSeconds) {
        int first = ThreadLocalRandom.current().nextInt(cap);
        for (int tried = 0; tried < cap; tried++) {
            String key = subject + ":" + (first + tried) % cap;
            if (store.putIfAbsent(key, windowSeconds)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
