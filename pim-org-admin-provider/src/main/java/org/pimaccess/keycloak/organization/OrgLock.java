package org.pimaccess.keycloak.organization;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * A per-organization lock, held until the current transaction ends, so that changes which must not
 * interleave (the first-admin decision, creating an organization's role groups, demoting or removing
 * an admin) happen one transaction at a time on every node.
 *
 * <p>It lives in Keycloak's {@link SingleUseObjectProvider}, whose {@code putIfAbsent} is atomic across
 * the cluster. It is released after the transaction commits or rolls back, so whoever takes it next
 * reads the holder's committed result. If a node dies while holding it, the entry expires after
 * {@link #LEASE}; a waiter gives up after {@link #WAIT} and its own transaction rolls back.
 */
public final class OrgLock {

    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 20;
    private static final String OWNER = "owner";
    private static final Logger LOG = Logger.getLogger(OrgLock.class);

    private OrgLock() {
    }

    /** Takes the organization's lock for the rest of the session's transaction. */
    public static void hold(KeycloakSession session, OrganizationModel organization) {
        hold(session, "organization:" + organization.getId());
    }

    /** Takes the named lock for the rest of the session's transaction; taking it twice is a no-op. */
    static void hold(KeycloakSession session, String name) {
        String key = "pim-lock:" + name;
        if (Boolean.TRUE.equals(session.getAttribute(key, Boolean.class))) {
            return;
        }
        String owner = UUID.randomUUID().toString();
        SingleUseObjectProvider store = session.singleUseObjects();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.putIfAbsent(key, LEASE.toSeconds())) {
            if (System.nanoTime() > deadline) {
                throw new OrgBusyException(name);
            }
            pause();
        }
        store.replace(key, Map.of(OWNER, owner));
        session.setAttribute(key, Boolean.TRUE);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release(store, key, owner);
            }

            @Override
            protected void rollbackImpl() {
                release(store, key, owner);
            }
        });
    }

    private static void release(SingleUseObjectProvider store, String key, String owner) {
        Map<String, String> notes = store.get(key);
        if (notes != null && owner.equals(notes.get(OWNER))) {
            store.remove(key);
        } else {
            LOG.warnf("Organization lock %s had expired before its transaction ended", key);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an organization lock", e);
        }
    }

    /** Another transaction held the lock for longer than {@link #WAIT}. */
    public static final class OrgBusyException extends RuntimeException {
        OrgBusyException(String name) {
            super("Lock " + name + " stayed taken for " + WAIT.toSeconds() + " s; try again");
        }
    }
}
