package org.pimaccess.keycloak.organization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

/**
 * The roles an invitation grants on joining. Keycloak's invitations carry no attributes, so the roles
 * are kept as an attribute of the organization, {@code pim.invitation.<invitationId>}, visible in the
 * admin console. Organization attributes are written as a whole, so every write holds the
 * organization's {@link OrgLock}. The attribute goes when the invitation is used or revoked.
 */
public final class InvitedRoles {

    private static final String PREFIX = "pim.invitation.";

    private final KeycloakSession session;

    public InvitedRoles(KeycloakSession session) {
        this.session = session;
    }

    public void store(OrganizationModel organization, String invitationId, Set<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        OrgLock.hold(session, organization);
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(PREFIX + invitationId, List.copyOf(new TreeSet<>(roles)));
        organization.setAttributes(attributes);
    }

    public Set<String> of(OrganizationModel organization, String invitationId) {
        return new TreeSet<>(organization.getAttributes().getOrDefault(PREFIX + invitationId, List.of()));
    }

    public void forget(OrganizationModel organization, String invitationId) {
        if (!organization.getAttributes().containsKey(PREFIX + invitationId)) {
            return;
        }
        OrgLock.hold(session, organization);
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.remove(PREFIX + invitationId);
        organization.setAttributes(attributes);
    }
}
