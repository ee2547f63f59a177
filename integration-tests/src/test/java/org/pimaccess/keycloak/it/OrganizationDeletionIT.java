package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;

/**
 * A realm admin deletes an organization: the pack's role groups for it go in the same transaction, on every
 * Keycloak of the supported range (26.7 names the deletion with its own event; 26.4 to 26.6 only remove the
 * organization's group, which is what the pack listens for).
 */
@PimKeycloakTest
class OrganizationDeletionIT {

    @Test
    void aDeletedOrganizationTakesItsRoleGroupsAndItsAdminsRolesWithIt(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Wound Up");
        Orgs orgs = new Orgs(keycloak);
        String roleGroups = "pim-organizations/" + orgs.get(org.id()).toRepresentation().getAlias();
        assertThat(orgs.roles(org.id(), org.admin().id())).containsExactly("pim-org-admin");
        assertThat(keycloak.realm().getGroupByPath(roleGroups)).isNotNull();

        try (Response deleted = orgs.get(org.id()).delete()) {
            assertThat(deleted.getStatus()).isEqualTo(204);
        }

        assertThatThrownBy(() -> keycloak.realm().getGroupByPath(roleGroups)).isInstanceOf(NotFoundException.class);
        assertThat(keycloak.realm().users().get(org.admin().id()).groups(0, 1000, false))
                .noneMatch(group -> group.getPath().startsWith("/" + roleGroups));
    }
}
