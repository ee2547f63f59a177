package org.pimaccess.keycloak.sender;

import java.util.concurrent.Semaphore;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The bulkhead of one sender on one node: at most {@code max-concurrent-calls} gateway calls at once.
 * A call beyond that is refused at once, not queued, so a stalled gateway holds at most that many of
 * Keycloak's worker threads and everyone else's sign-in keeps its threads.
 *
 * <p>The default, {@value #DEFAULT_MAX_CONCURRENT_CALLS}, is a fifth of Keycloak's smallest HTTP
 * worker pool (50 threads), so even two stalled senders of a failover list leave most workers free,
 * while a gateway answering in 200 ms still carries about 50 messages a second per node, more than
 * the usual account rate limit.
 */
public final class CallLimit {

    public static final String MAX_CONCURRENT_CALLS = "max-concurrent-calls";
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

    private final int max;
    private final Semaphore permits;

    public CallLimit(int max) {
        this.max = Math.max(1, max);
        this.permits = new Semaphore(this.max);
    }

    public static CallLimit from(Config.Scope config) {
        return new CallLimit(config.getInt(MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS));
    }

    /** Adds the option to a sender's configuration listing. */
    public static ProviderConfigurationBuilder addOption(ProviderConfigurationBuilder options) {
        return options.property().name(MAX_CONCURRENT_CALLS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_MAX_CONCURRENT_CALLS)
                .helpText("Most calls to this gateway at once on this node, at least 1. A send beyond that is "
                        + "answered at once as busy, or passed to the next sender of the list, so a stalled "
                        + "gateway cannot take all of Keycloak's worker threads.")
                .add();
    }

    public int max() {
        return max;
    }

    /** Takes a slot without waiting; false when all are taken. */
    boolean tryAcquire() {
        return permits.tryAcquire();
    }

    void release() {
        permits.release();
    }
}
