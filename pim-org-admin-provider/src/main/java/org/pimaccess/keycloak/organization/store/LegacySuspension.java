package org.pimaccess.keycloak.organization.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A suspension as earlier versions kept it in an organization attribute: tagged values in no order,
 * {@code since:<epoch millis>}, {@code by:<userId>}, {@code byName:<username>} and the reason in pieces
 * {@code reason<n>:<text>} (one attribute value held at most 255 characters). Read only by the migration.
 */
record LegacySuspension(long since, String byId, String byUsername, String reason) {

    static LegacySuspension parse(List<String> values) {
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
        return new LegacySuspension(since, byId, byUsername, reason.toString());
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException edited) {
            return 0;
        }
    }
}
