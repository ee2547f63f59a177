package org.pimaccess.keycloak.organization.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.organization.membership.DeletedInvitationListener.DeletedInvitation;

class DeletedInvitationTest {

    @Test
    void readsTheOrganizationAndInvitationFromAnAdminEventPath() {
        assertThat(DeletedInvitation.of("organizations/org-1/members/invitations/inv-9"))
                .contains(new DeletedInvitation("org-1", "inv-9"));
        assertThat(DeletedInvitation.of("organizations/org-1/invitations/inv-9"))
                .contains(new DeletedInvitation("org-1", "inv-9"));
    }

    @Test
    void otherPathsAreNotInvitations() {
        assertThat(DeletedInvitation.of(null)).isEmpty();
        assertThat(DeletedInvitation.of("organizations/org-1/members/user-1")).isEmpty();
        assertThat(DeletedInvitation.of("organizations/org-1/invitations")).isEmpty();
        assertThat(DeletedInvitation.of("organizations/org-1/invitations/inv-9/resend")).isEmpty();
        assertThat(DeletedInvitation.of("users/u/invitations/x")).isEmpty();
    }
}
