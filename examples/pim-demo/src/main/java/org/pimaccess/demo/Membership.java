package org.pimaccess.demo;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One organization of the person and their application roles in it, from the {@code organization}
 * claim that the pack's protocol mapper {@code pim-organization-roles} writes:
 *
 * <pre>"organization": {"acme": {"id": "…", "name": "Acme Corp", "roles": ["pim-editor", "pim-org-admin"]}}</pre>
 *
 * A role counts in its own organization only: an editor in one organization is nobody in another. The
 * name is what the person typed when registering the organization; a claim without one shows the alias.
 */
public record Membership(String alias, String id, String name, List<String> roles) {

    /** Holds this client role within the organization: may invite colleagues and assign their roles. */
    public static final String ORG_ADMIN = "pim-org-admin";

    /** The roles this application knows, strongest first, in the order the page lists them. */
    static final List<String> KNOWN_ROLES = List.of(ORG_ADMIN, "pim-editor", "pim-viewer");

    /** Every organization in the claim, in the claim's order; none when the claim is absent. */
    public static List<Membership> fromClaim(Map<String, Object> claim) {
        if (claim == null) {
            return List.of();
        }
        return claim.entrySet().stream().map(entry -> of(entry.getKey(), entry.getValue())).toList();
    }

    private static Membership of(String alias, Object value) {
        if (!(value instanceof Map<?, ?> organization)) {
            return new Membership(alias, null, alias, List.of());
        }
        Object id = organization.get("id");
        Object name = organization.get("name");
        List<String> roles = organization.get("roles") instanceof Collection<?> names
                ? names.stream().map(String::valueOf).sorted((a, b) -> rank(a) - rank(b)).toList()
                : List.of();
        return new Membership(alias, id == null ? null : id.toString(), name == null ? alias : name.toString(), roles);
    }

    private static int rank(String role) {
        int known = KNOWN_ROLES.indexOf(role);
        return known < 0 ? KNOWN_ROLES.size() : known;
    }

    public boolean admin() {
        return roles.contains(ORG_ADMIN);
    }
}
