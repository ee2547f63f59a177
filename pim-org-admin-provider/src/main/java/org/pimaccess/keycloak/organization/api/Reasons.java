package org.pimaccess.keycloak.organization.api;

import org.pimaccess.keycloak.organization.Suspensions;

/**
 * Why a member was suspended or reactivated: plain text of 1 to {@value Suspensions#MAX_REASON}
 * characters, without control or invisible formatting characters (no line breaks, no bidi overrides),
 * since it reaches auditors' CSV files and other admins' pages.
 */
final class Reasons {

    private Reasons() {
    }

    static String required(String typed) {
        String reason = optional(typed);
        if (reason == null) {
            throw invalid();
        }
        return reason;
    }

    /** Null when nothing was typed. */
    static String optional(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String reason = typed.strip();
        if (reason.codePointCount(0, reason.length()) > Suspensions.MAX_REASON || reason.codePoints().anyMatch(Reasons::invisible)) {
            throw invalid();
        }
        return reason;
    }

    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static RuntimeException invalid() {
        return ApiErrors.badRequest("invalid_reason", "\"reason\" must be plain text of 1 to " + Suspensions.MAX_REASON
                + " characters, on one line.");
    }
}
