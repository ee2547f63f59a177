package org.pimaccess.keycloak.organization.api;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON shapes of the org-admin API (see the module README for the contract). */
final class Views {

    private Views() {
    }

    record OrganizationView(String id, String name, String alias, boolean enabled, boolean admin) {
    }

    /** {@code suspended} is null for an active member; Keycloak's JSON would leave it out, the API shows it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    /** {@code passkey}: whether the member has a passkey (level 3, {@code acr=passkey}). */
    record MemberView(String id, String username, String email, String firstName, String lastName, Set<String> roles,
                      MemberPhones.PhoneOtpState phoneOtp, boolean passkey, SuspendedView suspended) {
    }

    /** Since when (ISO 8601, UTC), by whom, and why a member is suspended in the organization. */
    record SuspendedView(String since, PersonView by, String reason) {
    }

    /** A person as the org-admin API names them: id, username, and first and last name (else the username). */
    record PersonView(String id, String username, String name) {
    }

    record ReasonRequest(String reason) {
    }

    record InvitationRequest(String email, String firstName, String lastName, List<String> roles) {
    }

    record InvitationView(String id, String email, String firstName, String lastName, Set<String> roles, long expiresAt) {
    }

    record RolesRequest(List<String> roles) {
    }

    record MemberRoles(String id, Set<String> roles) {
    }

    record Created(String id) {
    }

}
