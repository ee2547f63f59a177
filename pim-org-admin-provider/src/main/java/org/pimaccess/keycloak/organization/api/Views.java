package org.pimaccess.keycloak.organization.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of the org-admin API (see the module README for the contract). */
final class Views {

    private Views() {
    }

    record OrganizationView(String id, String name, String alias, boolean enabled, boolean admin) {
    }

    record MemberView(String id, String username, String email, String firstName, String lastName, Set<String> roles,
                      MemberPhones.PhoneOtpState phoneOtp) {
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

    /** The org-admin page's texts in {@code locale}: its own keys and {@code role.<name>} for each assignable role. */
    record PageTexts(String locale, Map<String, String> messages) {
    }
}
