package org.pimaccess.keycloak.organization.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.passkey.PasskeyReset;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;

/**
 * The help desk's removal of a member's passkeys, {@code POST .../members/{userId}/passkey-reset}, under the
 * rules of the phone reset ({@link MemberPhones#reset}): not oneself, nobody whose account reaches beyond this
 * organization, once per the realm's reset cooldown per member, and every removed passkey mailed to the member.
 */
final class MemberPasskeys {

    private MemberPasskeys() {
    }

    static Response reset(KeycloakSession session, Caller caller, OrganizationModel organization, UserModel member) {
        if (member.getId().equals(caller.user().getId())) {
            throw ApiErrors.forbidden("cannot_reset_self",
                    "You cannot remove your own passkeys here. Manage them in your account, or ask another admin.");
        }
        if (!MemberReach.allows(session, caller, organization, member)) {
            throw ApiErrors.forbidden("reset_needs_realm_admin", "This member belongs to another organization or holds an "
                    + "administrator role; only a realm administrator can remove their passkeys.");
        }
        RealmModel realm = session.getContext().getRealm();
        PasskeyReset.Result result = PasskeyReset.reset(session, realm, member, PhoneRegistrationPolicy.of(realm).resetCooldown());
        switch (result.outcome()) {
            case NONE -> throw ApiErrors.conflict("no_passkey", "This member has no passkey.");
            case TOO_SOON -> throw ApiErrors.tooSoon("reset_too_soon", result.retryAfterSeconds(),
                    "This member's passkeys were removed a short while ago. Try again later.");
            case RESET -> new OrgAdminEvents(session, caller).send(OperationType.ACTION, organization,
                    OrgAdminEvents.about(member, Map.of("passkeys_removed", Integer.toString(result.passkeysRemoved()))),
                    null, "organizations", organization.getId(), "members", member.getId(), "passkey-reset");
        }
        return Response.accepted(new PasskeyReset.Done(member.getId(), result.passkeysRemoved())).build();
    }
}
