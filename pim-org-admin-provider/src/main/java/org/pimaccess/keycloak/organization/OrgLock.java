package org.pimaccess.keycloak.organization;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.jpa.entities.OrganizationEntity;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponseException;
import org.pimaccess.keycloak.organization.store.OrganizationLockEntity;
import org.pimaccess.keycloak.organization.store.OrganizationTables;

/**
 * A per-organization lock held until the current transaction ends, so that rules which read and then
 * write organization state (the first admin, the last admin, creating an organization's role groups) run
 * one transaction at a time on every node.
 *
 * <p>It is the database's row lock ({@code SELECT ... FOR UPDATE}, JPA {@code PESSIMISTIC_WRITE}) on the
 * organization's row of {@code PIM_ORG_LOCK}, taken in the request's own transaction. The database
 * releases it when that transaction commits or rolls back, or when the node holding it dies and its
 * connection closes; a living holder cannot lose it. Whoever takes it next reads the holder's committed
 * result: every rule reads, after the lock, with a new statement (read committed).
 *
 * <p>The row is made the first time an organization is locked. When the organization is already
 * committed, the row is inserted in a transaction of its own (two nodes inserting it at once: one wins,
 * the other finds it); when it was created in this very transaction (self-registration), nobody else can
 * see the organization yet, and the row is inserted here.
 *
 * <p>A waiter gives up after {@link #WAIT} where the database supports lock timeouts, with
 * {@link OrgBusyException}: HTTP 503 {@code organization_busy} with {@code Retry-After}.
 */
public final class OrgLock {

    public static final Duration WAIT = Duration.ofSeconds(20);
    static final long RETRY_AFTER_SECONDS = 10;
    private static final Map<String, Object> WAIT_HINT = Map.of("jakarta.persistence.lock.timeout", WAIT.toMillis());
    private static final Logger LOG = Logger.getLogger(OrgLock.class);

    private OrgLock() {
    }

    /** Takes the organization's lock for the rest of the session's transaction; taking it twice is a no-op. */
    public static void hold(KeycloakSession session, OrganizationModel organization) {
        String held = "pim-org-lock:" + organization.getId();
        if (Boolean.TRUE.equals(session.getAttribute(held, Boolean.class))) {
            return;
        }
        EntityManager tables = OrganizationTables.of(session);
        if (lockRow(tables, organization.getId()) == null) {
            if (insertedOnItsOwn(session, organization.getId())) {
                if (lockRow(tables, organization.getId()) == null) {
                    throw new IllegalStateException("No lock row for organization " + organization.getId());
                }
            } else {
                tables.persist(new OrganizationLockEntity(organization.getId()));
                tables.flush();
            }
        }
        session.setAttribute(held, Boolean.TRUE);
        LOG.debugf("Organization lock %s taken", organization.getId());
    }

    private static OrganizationLockEntity lockRow(EntityManager tables, String organizationId) {
        try {
            return tables.find(OrganizationLockEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE, WAIT_HINT);
        } catch (PessimisticLockException | LockTimeoutException waitedTooLong) {
            LOG.debugf("Organization lock %s: waited longer than %s", organizationId, WAIT);
            throw new OrgBusyException();
        }
    }

    /**
     * Makes the lock row in a transaction of its own, if that transaction sees the organization; false
     * when it does not, as the organization was created in the caller's uncommitted transaction.
     */
    private static boolean insertedOnItsOwn(KeycloakSession session, String organizationId) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), fresh -> {
                EntityManager tables = OrganizationTables.of(fresh);
                if (tables.find(OrganizationEntity.class, organizationId) == null) {
                    return false;
                }
                if (tables.find(OrganizationLockEntity.class, organizationId) == null) {
                    tables.persist(new OrganizationLockEntity(organizationId));
                }
                return true;
            });
        } catch (RuntimeException anotherTransactionWasFirst) {
            // Its commit met the other's row (primary key): the row is there now.
            LOG.debugf("Organization lock row %s was inserted by another transaction", organizationId);
            return true;
        }
    }

    /**
     * Another transaction held the lock for longer than {@link #WAIT}: HTTP 503 {@code organization_busy}
     * with {@code Retry-After}, on the org-admin API and on Keycloak's own endpoints that add members (the
     * admin REST API), and the transaction rolls back.
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
