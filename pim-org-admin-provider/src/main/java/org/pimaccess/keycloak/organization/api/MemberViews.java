package org.pimaccess.keycloak.organization.api;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.organization.Suspensions;
import org.pimaccess.keycloak.organization.Suspensions.Suspension;
import org.pimaccess.keycloak.organization.api.Views.MemberView;
import org.pimaccess.keycloak.organization.api.Views.PersonView;
import org.pimaccess.keycloak.organization.api.Views.SuspendedView;

/** A member as their org admin sees them: the roles on record, the phone-OTP state, a passkey or none, any suspension. */
final class MemberViews {

    private final KeycloakSession session;
    private final OrgRoles roles;
    private final Suspensions suspensions;

    MemberViews(KeycloakSession session, OrgRoles roles) {
        this.session = session;
        this.roles = roles;
        this.suspensions = new Suspensions(session);
    }

    MemberView of(OrganizationModel organization, UserModel member) {
        return of(organization, member, suspensions.of(organization, member.getId()).orElse(null));
    }

    /** With the suspension just made: the organization read in this request still shows its attributes as read. */
    MemberView of(OrganizationModel organization, UserModel member, Suspension suspension) {
        return new MemberView(member.getId(), member.getUsername(), member.getEmail(), member.getFirstName(),
                member.getLastName(), roles.rolesOf(organization, member), MemberPhones.of(member),
                member.credentialManager().isConfiguredFor(WebAuthnCredentialModel.TYPE_PASSWORDLESS),
                suspension == null ? null : view(suspension));
    }

    SuspendedView view(Suspension suspension) {
        UserModel by = suspension.byId() == null ? null
                : session.users().getUserById(session.getContext().getRealm(), suspension.byId());
        PersonView person = by == null ? new PersonView(suspension.byId(), suspension.byUsername(), suspension.byUsername())
                : person(by);
        return new SuspendedView(Instant.ofEpochMilli(suspension.since()).toString(), person, suspension.reason());
    }

    static PersonView person(UserModel user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return new PersonView(user.getId(), user.getUsername(), name.isEmpty() ? user.getUsername() : name);
    }
}
