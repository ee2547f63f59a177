package org.pimaccess.keycloak.organization.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Caps on invitations, so that the realm's mail server cannot be made to mail one address again and
 * again (revoke and invite again) or to mail many addresses for one organization: at most
 * {@link ApiSettings#invitationsPerOrganizationPerHour()} per organization per clock hour and
 * {@link ApiSettings#invitationsPerAddressPerDay()} per address per UTC day, counted over all
 * organizations. Each invitation takes a slot in Keycloak's cluster-wide single-use store
 * ({@code putIfAbsent}, lifespan: the rest of the window), so every node counts the same. Search for a
 * free slot starts at a random slot, so concurrent invitations rarely try the same ones. An invitation
 * that fails later (for example its mail) keeps its slots: failed sends are sends too.
 */
final class InvitationCaps {

    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    private final SingleUseObjectProvider store;
    private final ApiSettings settings;

    InvitationCaps(KeycloakSession session, ApiSettings settings) {
        this.store = session.singleUseObjects();
        this.settings = settings;
    }

    /** Takes one slot of each cap, or none and a 429 {@code too_many_invitations}. */
    void take(OrganizationModel organization, String email) {
        long now = Time.currentTime();
        String address = take("pim-invitations:address:" + hash(email), settings.invitationsPerAddressPerDay(), DAY, now);
        if (address == null) {
            throw ApiErrors.tooManyInvitations(secondsLeft(DAY, now), "This address was invited "
                    + settings.invitationsPerAddressPerDay() + " times today; it can be invited again tomorrow (UTC).");
        }
        String org = take("pim-invitations:organization:" + organization.getId(), settings.invitationsPerOrganizationPerHour(),
                HOUR, now);
        if (org == null) {
            store.remove(address);
            throw ApiErrors.tooManyInvitations(secondsLeft(HOUR, now), "This organization sent "
                    + settings.invitationsPerOrganizationPerHour() + " invitations this hour; try again after the hour.");
        }
    }

    /** The key of the slot taken in the current window, or null if all are taken. */
    private String take(String prefix, int cap, long window, long now) {
        String bucket = prefix + ":" + (now / window) + ":";
        long lifespan = secondsLeft(window, now);
        int start = ThreadLocalRandom.current().nextInt(cap);
        for (int i = 0; i < cap; i++) {
            String key = bucket + (start + i) % cap;
            if (store.putIfAbsent(key, lifespan)) {
                return key;
            }
        }
        return null;
    }

    private static long secondsLeft(long window, long now) {
        return window - now % window;
    }

    /** Addresses are not kept in the store as typed, only their hash. */
    private static String hash(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
