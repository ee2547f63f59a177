package org.pimaccess.keycloak.organization;

import java.util.Optional;

import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Organizations, members and invitations of the current realm by an id someone sent. Keycloak answers
 * an organization id of another realm with an exception ("does not belong to realm"), and an
 * invitation id of another realm with that realm's invitation. Here an unknown id, a malformed one and
 * one of another realm are all simply absent, so no answer tells an outsider which ids exist elsewhere.
 * Every entry point of this module that takes such an id looks it up here.
 */
public final class RealmLookup {

    /** Keycloak's ids are UUIDs; anything much longer is not one, and is not worth a database read. */
    static final int MAX_ID_LENGTH = 64;

    private final OrganizationProvider organizations;

    public RealmLookup(OrganizationProvider organizations) {
        this.organizations = organizations;
    }

    public Optional<OrganizationModel> organization(String id) {
        if (!plausible(id)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(organizations.getById(id));
        } catch (ModelException ofAnotherRealm) {
            return Optional.empty();
        }
    }

    /** A member of this organization; users of other realms are never members of it. */
    public Optional<UserModel> member(OrganizationModel organization, String userId) {
        if (!plausible(userId)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(organizations.getMemberById(organization, userId));
        } catch (ModelException ofAnotherRealm) {
            return Optional.empty();
        }
    }

    /** An invitation of this organization (and so of this realm); none on a Keycloak without stored invitations. */
    public Optional<OrganizationInvitationModel> invitation(OrganizationModel organization, String invitationId) {
        if (!KeycloakOrganizations.INVITATIONS || !plausible(invitationId)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(organizations.getInvitationManager().getById(invitationId))
                    .filter(invitation -> organization.getId().equals(invitation.getOrganizationId()));
        } catch (ModelException ofAnotherRealm) {
            return Optional.empty();
        }
    }

    private static boolean plausible(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }
}
