package org.pimaccess.keycloak.organization.activity;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AdminEventQuery;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.organization.RealmLookup;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Actor;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Policy;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.PolicyChange;
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

    /** How the trail names a realm administrator: never by their username, which may be a master-realm account's. */
    static final Actor REALM_ADMIN = new Actor(null, null, "Realm administrator", true);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RealmLookup members;

    public ActivityTrail(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.members = new RealmLookup(session.getProvider(OrganizationProvider.class));
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
                .map(event -> entry(organization, event))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<ActivityEntry> entry(OrganizationModel organization, AdminEvent event) {
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
            Target target = switch (action) {
                case MEMBER_INVITED, INVITATION_REVOKED -> new Target(null, null, null, invitedAddress(event, details));
                case SIGN_IN_POLICY_CHANGED -> new Target(null, null, null, null);
                default -> target(organization, event, details);
            };
            Actor actor = ActivityAction.byThePack(event) ? actor(organization, event.getAuthDetails(), details, target)
                    : REALM_ADMIN;
            return new ActivityEntry(Instant.ofEpochMilli(event.getTime()).toString(), actor, action.code(), target,
                    new Roles(before, after), reason, action == ActivityAction.SIGN_IN_POLICY_CHANGED ? policy(details) : null);
        });
    }

    /**
     * The member who acted, as the event recorded them; a join and a first admin are the person themselves; an
     * event from before actors were recorded names a current member of the organization, else only the id.
     */
    private Actor actor(OrganizationModel organization, AuthDetails auth, Map<String, String> details, Target target) {
        String id = auth == null ? null : auth.getUserId();
        if (details.containsKey(TrailDetails.ACTOR_USERNAME)) {
            return new Actor(id, details.get(TrailDetails.ACTOR_USERNAME), details.get(TrailDetails.ACTOR_NAME), false);
        }
        if (id != null && id.equals(target.id())) {
            return new Actor(id, target.username(), target.name(), false);
        }
        return currentMember(organization, id)
                .map(member -> new Actor(id, member.getUsername(), TrailDetails.name(member), false))
                .orElse(new Actor(id, null, null, false));
    }

    /**
     * The member the event is about, as it recorded them (the pack records username, name and email; Keycloak's
     * own membership events username and email). An event that recorded nobody (roles changes and first admins
     * from before the pack recorded them) names a current member of the organization, else only the id.
     */
    private Target target(OrganizationModel organization, AdminEvent event, Map<String, String> details) {
        String[] path = event.getResourcePath().split("/");
        String userId = details.get(TrailDetails.USER_ID);
        if (userId == null && path.length >= 4 && path[2].equals("members")) {
            userId = path[3];
        }
        if (details.containsKey(TrailDetails.USERNAME)) {
            return new Target(userId, details.get(TrailDetails.USERNAME), details.get(TrailDetails.NAME),
                    details.get(TrailDetails.EMAIL));
        }
        String id = userId;
        return currentMember(organization, id)
                .map(member -> new Target(id, member.getUsername(), TrailDetails.name(member), member.getEmail()))
                .orElse(new Target(id, null, null, null));
    }

    /** The address the invitation went to: the pack records it; Keycloak's own invitation events carry it in the representation. */
    private static String invitedAddress(AdminEvent event, Map<String, String> details) {
        if (details.containsKey(TrailDetails.EMAIL) || event.getRepresentation() == null) {
            return details.get(TrailDetails.EMAIL);
        }
        try {
            JsonNode email = JsonSerialization.readValue(event.getRepresentation(), JsonNode.class).path("email");
            return email.isTextual() ? email.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private Optional<UserModel> currentMember(OrganizationModel organization, String userId) {
        return userId == null ? Optional.empty() : members.member(organization, userId);
    }

    /** The policy before and after, as {@link TrailDetails#policy} recorded it. */
    private static PolicyChange policy(Map<String, String> details) {
        return new PolicyChange(
                new Policy(details.get(TrailDetails.LEVEL_BEFORE), days(details.get(TrailDetails.TRUSTED_BROWSER_DAYS_BEFORE))),
                new Policy(details.get(TrailDetails.LEVEL), days(details.get(TrailDetails.TRUSTED_BROWSER_DAYS))));
    }

    private static Integer days(String recorded) {
        try {
            return recorded == null ? null : Integer.valueOf(recorded);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).toList();
    }
}
