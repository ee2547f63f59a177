package org.pimaccess.keycloak.organization;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.services.ErrorResponseException;

/**
 * A per-organization lock, held until the current transaction ends, so that changes which must not
 * interleave (the first-admin decision, creating an organization's role groups, demoting or removing
 * an admin, writing invited roles) happen one transaction at a time on every node.
 *
 * <p>It is a lease in Keycloak's {@link SingleUseObjectProvider}: {@code putIfAbsent} with the lifespan
 * {@link #LEASE}, atomic across the cluster. The entry is never written again (in Keycloak 26.7
 * {@code replace} drops the lifespan, which made the lock permanent), so it always expires: a node that
 * dies while holding it wedges the organization for at most the lease. Who holds it is not stored: the
 * holder knows when it took the lease, and only a holder still inside its lease (less a safety margin
 * for clock skew between nodes) removes the entry or commits. A holder that outlived its lease rolls its
 * transaction back instead, since another transaction may have taken the lock meanwhile.
 *
 * <p>One limit comes from Infinispan, measured on two nodes: a {@code putIfAbsent} that is under way
 * while the key's primary owner dies is retried on the new topology, and a retried conditional write
 * succeeds when it finds its own value (it may have been applied before the crash). Every lease has the
 * same value (the SPI's {@code putIfAbsent} stores no holder), so such an attempt can take a lease that
 * another transaction holds. When the holder is the node that died, its transaction never commits and
 * nothing is lost. When it is alive (three nodes or more, or the same node), two transactions hold the
 * lock for that moment: the first-admin rule is checked once more just before commit, the other rules
 * (the last admin, invited roles, role groups) rely on the lease alone. A holder value per transaction
 * would close this; the SPI has no such {@code putIfAbsent}, and the embedded cache is not in the API.
 *
 * <p>It is released after the transaction commits or rolls back, so whoever takes it next reads the
 * holder's committed result. A waiter gives up after {@link #WAIT} with {@link OrgBusyException}: HTTP
 * 503 {@code organization_busy} with {@code Retry-After}.
 *
 * <p>At DEBUG, category {@code org.pimaccess.keycloak.organization.OrgLock}, it logs each lease taken and
 * released (the lock's name: an organization's or realm's id, nothing about the user).
 */
public final class OrgLock {

    public static final Duration LEASE = Duration.ofSeconds(60);
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** A holder trusts its lease only this long before it ends: clock skew between nodes, a slow commit. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    static final long RETRY_AFTER_SECONDS = 10;
    private static final long POLL_MILLIS = 20;
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
        SingleUseObjectProvider store = session.singleUseObjects();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Lease lease = null;
        while (lease == null) {
            // Timed from before the attempt, so the holder never thinks its lease younger than it is.
            long attempt = System.nanoTime();
            if (store.putIfAbsent(key, LEASE.toSeconds())) {
                lease = new Lease(key, attempt);
            } else if (System.nanoTime() > deadline) {
                throw new OrgBusyException();
            } else {
                pause();
            }
        }
        session.setAttribute(key, Boolean.TRUE);
        LOG.debugf("Organization lock %s taken", key);
        Lease held = lease;
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (!held.current()) {
                    LOG.warnf("Organization lock %s outlived its lease; rolling its transaction back", key);
                    throw new OrgBusyException();
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                held.release(store);
            }

            @Override
            protected void rollbackImpl() {
                held.release(store);
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an organization lock", e);
        }
    }

    /** One taken lease: its key and when it was asked for (this JVM's monotonic clock). */
    private record Lease(String key, long takenNanos) {

        boolean current() {
            return System.nanoTime() - takenNanos < LEASE.minus(MARGIN).toNanos();
        }

        void release(SingleUseObjectProvider store) {
            if (current()) {
                store.remove(key);
                LOG.debugf("Organization lock %s released", key);
            } else {
                LOG.warnf("Organization lock %s had expired before its transaction ended; left to its lifespan", key);
            }
        }
    }

    /**
     * Another transaction held the lock for longer than {@link #WAIT}, or this one outlived its lease (or
     * found, just before commit, that the decision it took under the lock no longer holds):
     * HTTP 503 {@code organization_busy} with {@code Retry-After}, on the org-admin API and on Keycloak's
     * own endpoints that add members (the admin REST API), and the transaction rolls back.
     */
    public static final class OrgBusyException extends ErrorResponseException {
        public OrgBusyException() {
            super(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(body())
                    .build());
        }

        private static Map<String, String> body() {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", "organization_busy");
            body.put("message", "Another change to this organization is still running. Try again in "
                    + RETRY_AFTER_SECONDS + " seconds.");
            return body;
        }
    }
}
