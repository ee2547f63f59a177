package org.pimaccess.keycloak.organization.activity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of an organization's activity trail, as {@code GET .../activity} answers it and
 * {@code .../activity.csv} writes it. {@code time} is ISO 8601 (UTC); {@code actor.realmAdmin} marks a
 * change a realm admin made in Keycloak's admin console or admin API rather than through the org-admin API;
 * {@code policy} is the sign-in policy before and after a {@code sign_in_policy_changed}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ActivityEntry(String time, Actor actor, String action, Target target, Roles roles, String reason,
                            PolicyChange policy) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Actor(String id, String username, String name, boolean realmAdmin) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(String id, String username, String name, String email) {
    }

    public record Roles(List<String> before, List<String> after) {
    }

    /** A sign-in policy before and after a change ({@code sign_in_policy_changed}); null for every other action. */
    public record PolicyChange(Policy before, Policy after) {
    }

    /** A sign-in policy as the trail records it: the level and the trusted-browser days that held. */
    public record Policy(String level, Integer trustedBrowserDays) {

        /** For the CSV, for example {@code passkey 0}. */
        public String text() {
            return level + " " + trustedBrowserDays;
        }
    }
}
