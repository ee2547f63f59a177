package org.pimaccess.keycloak.organization.activity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AdminEventQuery;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Actor;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Roles;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Target;

/**
 * An organization's activity trail, read from Keycloak's own admin events (so it survives restarts, is
 * the same on every cluster node, and expires with the realm's admin-event expiration). One query, done
 * by the event store: the realm, resource type {@code ORGANIZATION_MEMBERSHIP}, the resource path
 * {@code organizations/<orgId>/*}, the time window, newest first, one page. Nothing is scanned in Java;
 * events of that path that mean nothing to the trail (none today) are left out of the page.
 */
public final class ActivityTrail {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ActivityTrail(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Newest first; {@code from} and {@code to} are epoch millis, inclusive, or null for no bound. */
    public List<ActivityEntry> read(OrganizationModel organization, int first, int max, Long from, Long to) {
        AdminEventQuery query = session.getProvider(EventStoreProvider.class).createAdminQuery()
                .realm(realm.getId())
                .resourceType(ResourceType.ORGANIZATION_MEMBERSHIP)
                .resourcePath("organizations/" + organization.getId() + "/*");
        if (from != null) {
            query.fromTime(from);
        }
        if (to != null) {
            query.toTime(to);
        }
        return query.orderByDescTime().firstResult(first).maxResults(max).getResultStream()
                .map(this::entry)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<ActivityEntry> entry(AdminEvent event) {
        return ActivityAction.of(event).map(action -> {
            Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
            List<String> roles = list(details.get("roles"));
            List<String> before = switch (action) {
                case MEMBER_SUSPENDED -> roles;
                case ROLES_CHANGED, MEMBER_REMOVED -> list(details.get("roles_before"));
                default -> List.of();
            };
            List<String> after = switch (action) {
                case MEMBER_SUSPENDED, MEMBER_REMOVED, INVITATION_REVOKED -> List.of();
                default -> roles;
            };
            String reason = "first_member".equals(details.get("reason")) ? null : details.get("reason");
            return new ActivityEntry(Instant.ofEpochMilli(event.getTime()).toString(),
                    actor(event.getAuthDetails(), !ActivityAction.byThePack(event)), action.code(),
                    target(event, details), new Roles(before, after), reason);
        });
    }

    private Actor actor(AuthDetails auth, boolean realmAdmin) {
        if (auth == null || auth.getUserId() == null) {
            return new Actor(null, null, null, realmAdmin);
        }
        RealmModel of = auth.getRealmId() == null || auth.getRealmId().equals(realm.getId()) ? realm
                : session.realms().getRealm(auth.getRealmId());
        UserModel user = of == null ? null : session.users().getUserById(of, auth.getUserId());
        return user == null ? new Actor(auth.getUserId(), null, null, realmAdmin)
                : new Actor(user.getId(), user.getUsername(), name(user), realmAdmin);
    }

    /** The member the event is about; a deleted account keeps what the event itself recorded. */
    private Target target(AdminEvent event, Map<String, String> details) {
        String[] path = event.getResourcePath().split("/");
        String userId = details.get("user_id");
        if (userId == null && path.length >= 4 && path[2].equals("members") && !path[3].startsWith("invite-")) {
            userId = path[3];
        }
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null && details.get("username") != null) {
            user = session.users().getUserByUsername(realm, details.get("username"));
        }
        if (user == null && details.get("email") != null) {
            user = session.users().getUserByEmail(realm, details.get("email"));
        }
        if (user != null) {
            return new Target(user.getId(), user.getUsername(), name(user), user.getEmail());
        }
        return new Target(userId, details.get("username"), null, details.get("email"));
    }

    private static String name(UserModel user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? user.getUsername() : name;
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).toList();
    }
}
