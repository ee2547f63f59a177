package org.pimaccess.keycloak.organization.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PersonPhones;
import org.pimaccess.keycloak.phone.PhoneReset;

/**
 * A member's phones as their org admin may know them, and the help desk's reset of a lost phone: what
 * the member view's {@code phoneOtp} shows, and {@code POST .../members/{userId}/phone-reset}.
 */
final class MemberPhones {

    /**
     * @param configured       whether the member can sign in with phone OTP (has a phone)
     * @param phones           how many phones
     * @param maskedLastDigits each phone as its last two digits, for example {@code ••67}
     * @param lastAddedAt      epoch seconds when the newest phone was added; null without phones
     * @param resetPending     whether the phones were reset and the member has not registered a new one yet
     */
    // Keycloak's JSON leaves nulls out; a member without phones shows "lastAddedAt": null all the same.
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PhoneOtpState(boolean configured, int phones, List<String> maskedLastDigits, Long lastAddedAt,
                         boolean resetPending) {
    }

    private MemberPhones() {
    }

    static PhoneOtpState of(UserModel member) {
        List<PhoneCredentialModel> phones = PhoneCredentialModel.phonesOf(member);
        Long lastAddedAt = phones.stream().map(PhoneCredentialModel::getCreatedDate)
                .filter(created -> created != null)
                .max(Long::compare).map(millis -> millis / 1000).orElse(null);
        return new PhoneOtpState(!phones.isEmpty(), phones.size(),
                phones.stream().map(phone -> lastTwoDigits(phone.phoneNumber())).toList(), lastAddedAt,
                PhoneReset.pending(member));
    }

    /**
     * An org admin may reset a member of their organization, but not themselves: an admin who holds a
     * phone-OTP token still has a phone, and one who lost it cannot call the API. Their own phones are
     * the account console's, or another admin's help. Nor anyone whose account reaches beyond this
     * organization ({@link MemberReach}): that is a realm admin's call. The phones' owner holds each member to
     * one reset per cooldown.
     */
    static Response reset(KeycloakSession session, Caller caller, OrganizationModel organization, UserModel member) {
        if (member.getId().equals(caller.user().getId())) {
            throw ApiErrors.forbidden("cannot_reset_self",
                    "You cannot reset your own phones here. Manage them in your account, or ask another admin.");
        }
        if (!MemberReach.allows(session, caller, organization, member)) {
            throw ApiErrors.forbidden("reset_needs_realm_admin", "This member belongs to another organization or holds an "
                    + "administrator role; only a realm administrator can reset their phones.");
        }
        PhoneReset.Result result = PersonPhones.resetByOrgAdmin(session, session.getContext().getRealm(), member, caller.user());
        switch (result.outcome()) {
            case NO_EMAIL -> throw ApiErrors.conflict("no_email",
                    "This member has no email address, so no link can reach them. Ask a realm administrator.");
            case EMAIL_FAILED -> throw ApiErrors.error(Response.Status.BAD_GATEWAY, "email_failed",
                    "The email with the link could not be sent; nothing was changed. Try again later.");
            case TOO_SOON -> throw ApiErrors.tooSoon("reset_too_soon", result.retryAfterSeconds(),
                    "This member's phones were reset a short while ago. Try again later.");
            case RESET -> new OrgAdminEvents(session, caller).send(OperationType.ACTION, organization,
                    OrgAdminEvents.about(member, Map.of("phones_removed", Integer.toString(result.phonesRemoved()))),
                    null, "organizations", organization.getId(), "members", member.getId(), "phone-reset");
        }
        return Response.accepted(new PhoneReset.Done(member.getId(), result.phonesRemoved())).build();
    }

    private static String lastTwoDigits(String e164) {
        String digits = e164 == null ? "" : e164.replaceAll("\\D", "");
        return "\u2022\u2022" + (digits.length() < 2 ? "" : digits.substring(digits.length() - 2));
    }
}
