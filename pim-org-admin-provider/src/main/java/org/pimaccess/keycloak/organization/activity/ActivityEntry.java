package org.pimaccess.keycloak.organization.activity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of an organization's activity trail, as {@code GET .../activity} answers it and
 * {@code .../activity.csv} writes it. {@code time} is ISO 8601 (UTC); {@code actor.realmAdmin} marks a
 * change a realm admin made in Keycloak's admin console or admin API rather than through the org-admin API.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ActivityEntry(String time, Actor actor, String action, Target target, Roles roles, String reason) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Actor(String id, String username, String name, boolean realmAdmin) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(String id, String username, String name, String email) {
    }

    public record Roles(List<String> before, List<String> after) {
    }
}
