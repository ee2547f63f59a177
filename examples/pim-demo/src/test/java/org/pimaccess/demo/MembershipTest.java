package org.pimaccess.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void eachOrganizationKeepsItsOwnRolesAdminFirst() {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("acme", Map.of("id", "a-1", "name", "Acme Corp", "roles", List.of("pim-editor", "pim-org-admin")));
        claim.put("globex", Map.of("id", "g-2", "name", "Globex", "roles", List.of("pim-viewer")));

        List<Membership> memberships = Membership.fromClaim(claim);

        assertThat(memberships).containsExactly(
                new Membership("acme", "a-1", "Acme Corp", List.of("pim-org-admin", "pim-editor")),
                new Membership("globex", "g-2", "Globex", List.of("pim-viewer")));
        assertThat(memberships.get(0).admin()).isTrue();
        assertThat(memberships.get(1).admin()).isFalse();
    }

    @Test
    void aMemberWithoutRolesAndAMissingClaimGrantNothing() {
        assertThat(Membership.fromClaim(Map.of("acme", Map.of("id", "a-1", "name", "Acme Corp", "roles", List.of()))))
                .containsExactly(new Membership("acme", "a-1", "Acme Corp", List.of()));
        assertThat(Membership.fromClaim(Map.of("acme", "not an object")))
                .containsExactly(new Membership("acme", null, "acme", List.of()));
        assertThat(Membership.fromClaim(null)).isEmpty();
    }

    @Test
    void anOrganizationWithoutANameInTheClaimIsShownByItsAlias() {
        assertThat(Membership.fromClaim(Map.of("acme", Map.of("id", "a-1", "roles", List.of("pim-viewer")))))
                .containsExactly(new Membership("acme", "a-1", "acme", List.of("pim-viewer")));
    }
}
