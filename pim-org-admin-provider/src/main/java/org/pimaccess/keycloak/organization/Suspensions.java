package org.pimaccess.keycloak.organization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * Members suspended in one organization: they keep their membership and their role groups on record, but
 * hold none of that organization's roles (see {@link OrgRoles#activeRolesOf}) until reactivated.
 *
 * <p>Kept as an attribute of the organization, {@code pim.suspension.<userId>}, in Keycloak's own store:
 * the organization is cached and invalidated across the cluster, so the token mapper reads one attribute
 * of a cached organization and never lists members; a member cannot edit it (user attributes may be
 * editable by their owner when a realm enables unmanaged attributes); and a realm admin sees it in the
 * admin console. Values are tagged (a set of rows, in no order): {@code since:<epoch millis>},
 * {@code by:<userId>}, {@code byName:<username>} and the reason in pieces {@code reason<n>:<text>}, since
 * one attribute value holds at most 255 characters. Writes hold the organization's {@link OrgLock}, as
 * organization attributes are written as a whole.
 */
public final class Suspensions {

    /** The longest reason, in characters. */
    public static final int MAX_REASON = 500;
    private static final String PREFIX = "pim.suspension.";
    private static final int PIECE = 200;

    /** A suspension: since when (epoch millis), by whom (id and username), and why. */
    public record Suspension(long since, String byId, String byUsername, String reason) {
    }

    private final KeycloakSession session;

    public Suspensions(KeycloakSession session) {
        this.session = session;
    }

    public Optional<Suspension> of(OrganizationModel organization, String userId) {
        List<String> values = organization.getAttributes().get(PREFIX + userId);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(parse(values));
    }

    public boolean isSuspended(OrganizationModel organization, UserModel user) {
        return organization.getAttributes().containsKey(PREFIX + user.getId());
    }

    /**
     * Reads what is committed, in a transaction of its own. Called holding the organization's
     * {@link OrgLock}, it sees the last holder's change: an organization read earlier in this request
     * keeps its attributes as first read (Keycloak's organization adapters memoize them). {@code read} uses
     * only the fresh session it is given: the request's own session must not be used meanwhile.
     */
    public static <T> T committed(KeycloakSession session, OrganizationModel organization,
            BiFunction<KeycloakSession, OrganizationModel, T> read) {
        String realmId = session.getContext().getRealm().getId();
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), fresh -> {
            fresh.getContext().setRealm(fresh.realms().getRealm(realmId));
            OrganizationModel current = fresh.getProvider(OrganizationProvider.class).getById(organization.getId());
            return read.apply(fresh, current == null ? organization : current);
        });
    }

    public Suspension suspend(OrganizationModel organization, UserModel member, UserModel by, String reason, long now) {
        OrgLock.hold(session, organization);
        Suspension suspension = new Suspension(now, by.getId(), by.getUsername(), reason);
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(PREFIX + member.getId(), values(suspension));
        organization.setAttributes(attributes);
        return suspension;
    }

    /** Ends a suspension; also when the member leaves, so that a later return starts active. */
    public void lift(OrganizationModel organization, String userId) {
        if (!organization.getAttributes().containsKey(PREFIX + userId)) {
            return;
        }
        OrgLock.hold(session, organization);
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.remove(PREFIX + userId);
        organization.setAttributes(attributes);
    }

    static List<String> values(Suspension suspension) {
        List<String> values = new ArrayList<>();
        values.add("since:" + suspension.since());
        values.add("by:" + suspension.byId());
        values.add("byName:" + suspension.byUsername());
        String reason = suspension.reason();
        int start = 0;
        for (int piece = 0; start < reason.length(); piece++) {
            int end = Math.min(reason.length(), start + PIECE);
            if (end < reason.length() && Character.isHighSurrogate(reason.charAt(end - 1))) {
                end--;
            }
            values.add("reason" + piece + ":" + reason.substring(start, end));
            start = end;
        }
        return values;
    }

    static Suspension parse(List<String> values) {
        long since = 0;
        String byId = null;
        String byUsername = null;
        Map<Integer, String> pieces = new HashMap<>();
        for (String value : values) {
            int colon = value.indexOf(':');
            String tag = colon < 0 ? value : value.substring(0, colon);
            String text = colon < 0 ? "" : value.substring(colon + 1);
            if (tag.equals("since")) {
                since = parseLong(text);
            } else if (tag.equals("by")) {
                byId = text;
            } else if (tag.equals("byName")) {
                byUsername = text;
            } else if (tag.startsWith("reason")) {
                pieces.put((int) parseLong(tag.substring("reason".length())), text);
            }
        }
        StringBuilder reason = new StringBuilder();
        pieces.keySet().stream().sorted().forEach(piece -> reason.append(pieces.get(piece)));
        return new Suspension(since, byId, byUsername, reason.toString());
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException edited) {
            return 0;
        }
    }
}
