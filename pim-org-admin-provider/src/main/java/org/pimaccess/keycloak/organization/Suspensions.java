package org.pimaccess.keycloak.organization;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.organization.store.OrganizationTables;
import org.pimaccess.keycloak.organization.store.SuspensionEntity;

/**
 * Members suspended in one organization: they keep their membership and their role groups on record, but
 * hold none of that organization's roles (see {@link OrgRoles#activeRolesOf}) until reactivated.
 *
 * <p>A suspension is a row of {@code PIM_ORG_SUSPENSION}, primary key (organization, member), on Keycloak's
 * database: suspending one member never rewrites another's, and a member cannot edit it. Every read is a
 * query by primary key, by organization or by member (both indexed), never a member list, and always sees
 * what is committed (a query, not an entity remembered by this request). Rules that must not interleave
 * (the last active admin) hold the organization's {@link OrgLock} before they read.
 */
public final class Suspensions {

    /** The longest reason, in characters. */
    public static final int MAX_REASON = 500;

    /** A suspension: since when (epoch millis), by whom (id and username), and why. */
    public record Suspension(long since, String byId, String byUsername, String reason) {
    }

    private final EntityManager tables;

    public Suspensions(KeycloakSession session) {
        this.tables = OrganizationTables.of(session);
    }

    public Optional<Suspension> of(OrganizationModel organization, String userId) {
        return tables.createQuery("select s from SuspensionEntity s where s.organizationId = :organization "
                        + "and s.userId = :user", SuspensionEntity.class)
                .setParameter("organization", organization.getId())
                .setParameter("user", userId)
                .getResultStream()
                .findFirst()
                .map(row -> new Suspension(row.getSince(), row.getById(), row.getByUsername(), row.getReason()));
    }

    public boolean isSuspended(OrganizationModel organization, UserModel user) {
        return isSuspended(organization, user.getId());
    }

    public boolean isSuspended(OrganizationModel organization, String userId) {
        return !tables.createQuery("select s.userId from SuspensionEntity s where s.organizationId = :organization "
                        + "and s.userId = :user", String.class)
                .setParameter("organization", organization.getId())
                .setParameter("user", userId)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** The ids of the organizations that suspended this member, as committed now: one query by the member's index. */
    public Set<String> organizationsSuspending(String userId) {
        return new TreeSet<>(tables.createQuery("select s.organizationId from SuspensionEntity s where s.userId = :user",
                        String.class)
                .setParameter("user", userId)
                .getResultList());
    }

    /** The ids of the organization's suspended members, as committed now. */
    public Set<String> suspendedIn(OrganizationModel organization) {
        List<String> ids = tables.createQuery("select s.userId from SuspensionEntity s where s.organizationId = :organization",
                        String.class)
                .setParameter("organization", organization.getId())
                .getResultList();
        return new TreeSet<>(ids);
    }

    /** Records the suspension; the caller holds the organization's lock and found none. */
    public Suspension suspend(OrganizationModel organization, UserModel member, UserModel by, String reason, long now) {
        tables.persist(new SuspensionEntity(organization.getId(), member.getId(), now, by.getId(), by.getUsername(), reason));
        tables.flush();
        return new Suspension(now, by.getId(), by.getUsername(), reason);
    }

    /**
     * Ends a suspension; also when the member leaves, so that a later return starts active. False when
     * there was none (another request may have lifted it a moment ago).
     */
    public boolean lift(OrganizationModel organization, String userId) {
        return tables.createQuery("delete from SuspensionEntity s where s.organizationId = :organization and s.userId = :user")
                .setParameter("organization", organization.getId())
                .setParameter("user", userId)
                .executeUpdate() > 0;
    }

    /** Every suspension of a person whose account is deleted. */
    public void forgetUser(String userId) {
        tables.createQuery("delete from SuspensionEntity s where s.userId = :user")
                .setParameter("user", userId)
                .executeUpdate();
    }
}
