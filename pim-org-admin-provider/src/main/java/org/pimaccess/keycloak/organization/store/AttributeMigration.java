package org.pimaccess.keycloak.organization.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Moves the organization state that earlier versions of the pack kept in organization attributes into
 * the pack's tables, once per realm, when the server has started (after Keycloak's own migration and any
 * realm import): suspensions ({@code pim.suspension.<userId>}) and invited roles
 * ({@code pim.invitation.<invitationId>}). Each organization moves in a transaction of its own: rows that
 * are already there are kept, then the old attributes are removed, so a start that dies half-way (or two
 * nodes starting at once) only repeats work. A realm is marked done ({@link #MARKER}) when all its
 * organizations moved, so later starts read one realm attribute and no organization.
 */
final class AttributeMigration implements ProviderEventListener {

    static final String MARKER = "pim.organization-state";
    static final String DONE = "tables";
    private static final String SUSPENSION = "pim.suspension.";
    private static final String INVITATION = "pim.invitation.";
    private static final Logger LOG = Logger.getLogger(AttributeMigration.class);

    private final KeycloakSessionFactory factory;

    AttributeMigration(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent) {
            KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.realms().getRealmsStream()
                            .filter(realm -> realm.isOrganizationsEnabled() && !DONE.equals(realm.getAttribute(MARKER)))
                            .map(RealmModel::getId).toList())
                    .forEach(this::migrateRealm);
        }
    }

    private void migrateRealm(String realmId) {
        List<String> organizations = inRealm(realmId, session -> session.getProvider(OrganizationProvider.class)
                .getAllStream().filter(organization -> organization.getAttributes().keySet().stream().anyMatch(AttributeMigration::old))
                .map(OrganizationModel::getId).toList());
        int moved = 0;
        for (String organizationId : organizations) {
            try {
                inRealm(realmId, session -> {
                    migrate(session, session.getProvider(OrganizationProvider.class).getById(organizationId));
                    return null;
                });
                moved++;
            } catch (RuntimeException failed) {
                LOG.warnf(failed, "Organization %s of realm %s: its suspensions and invited roles stay in its attributes "
                        + "until the next start", organizationId, realmId);
            }
        }
        if (moved == organizations.size()) {
            inRealm(realmId, session -> {
                session.getContext().getRealm().setAttribute(MARKER, DONE);
                return null;
            });
        }
        if (!organizations.isEmpty()) {
            LOG.infof("Realm %s: moved the suspensions and invited roles of %d of %d organizations from attributes into "
                    + "the pack's tables", realmId, moved, organizations.size());
        }
    }

    private static void migrate(KeycloakSession session, OrganizationModel organization) {
        if (organization == null) {
            return;
        }
        EntityManager tables = OrganizationTables.of(session);
        Map<String, List<String>> kept = new HashMap<>();
        organization.getAttributes().forEach((name, values) -> {
            if (name.startsWith(SUSPENSION)) {
                String userId = name.substring(SUSPENSION.length());
                if (tables.find(SuspensionEntity.class, new SuspensionEntity.Key(organization.getId(), userId)) == null) {
                    LegacySuspension old = LegacySuspension.parse(values);
                    tables.persist(new SuspensionEntity(organization.getId(), userId, old.since(), old.byId(),
                            old.byUsername(), old.reason()));
                }
            } else if (name.startsWith(INVITATION)) {
                String invitationId = name.substring(INVITATION.length());
                values.stream().distinct().forEach(role -> {
                    if (tables.find(InvitedRoleEntity.class, new InvitedRoleEntity.Key(invitationId, role)) == null) {
                        tables.persist(new InvitedRoleEntity(invitationId, role, organization.getId()));
                    }
                });
            } else {
                kept.put(name, values);
            }
        });
        tables.flush();
        organization.setAttributes(kept);
    }

    private <T> T inRealm(String realmId, Function<KeycloakSession, T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            session.getContext().setRealm(session.realms().getRealm(realmId));
            return work.apply(session);
        });
    }

    private static boolean old(String attribute) {
        return attribute.startsWith(SUSPENSION) || attribute.startsWith(INVITATION);
    }
}
