package org.pimaccess.keycloak.registration;

import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.code.CapSlots;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.phone.PhoneMark;
import org.pimaccess.keycloak.phone.PhoneReset;
import org.pimaccess.keycloak.phone.ResetLink;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneOtp;

/**
 * Phone registration for a person who had a phone and has none ({@link PhoneReset#pending}, however the
 * last one went): until a new phone is stored, it opens only for a sign-in that came through the emailed
 * link. Anyone else, the password holder included, gets page
 * {@value #PAGE}, which says to use the link and offers to send it again; nothing is ever sent to a phone
 * from here.
 *
 * <p>Sending again follows the code settings' send limits, counted apart from codes (a mail costs no SMS):
 * the resend cooldown, and the per-user cap over the cap window, in Keycloak's cluster-wide single-use
 * store.
 */
final class ResetGate {

    static final String PAGE = "phone-reset-pending.ftl";
    /** Event error of a registration refused because the account waits for its reset link. */
    static final String LINK_REQUIRED = "phone_reset_link_required";

    private static final String PREFIX = "pim-phone-reset-link:";
    private static final Logger LOG = Logger.getLogger(ResetGate.class);

    private ResetGate() {
    }

    /** Whether this person's phones were reset and this sign-in did not come through the link. */
    static boolean closed(RequiredActionContext context) {
        return PhoneReset.pending(context.getUser())
                && !ResetLink.opened(context.getSession(), context.getAuthenticationSession(), context.getUser());
    }

    static void challenge(RequiredActionContext context) {
        refused(context);
        context.challenge(page(context.form()));
    }

    /** The page's one button is {@code resend}; anything else shows the page again. */
    static void action(RequiredActionContext context, PhoneOtpPolicy limits) {
        if (!context.getHttpRequest().getDecodedFormParameters().containsKey("resend")) {
            challenge(context);
            return;
        }
        UserModel user = context.getUser();
        String realmId = context.getRealm().getId();
        SingleUseObjectProvider store = context.getSession().singleUseObjects();
        String cooldown = PREFIX + "cooldown:" + realmId + ":" + user.getId();
        long cooldownSeconds = limits.resendCooldown().toSeconds();
        if (cooldownSeconds > 0 && !store.putIfAbsent(cooldown, cooldownSeconds)) {
            sendRefused(context, "cooldown");
            context.challenge(page(context.form().setError("pimPhoneResetLinkWait", cooldownSeconds)));
            return;
        }
        Optional<String> slot = limits.userSendCap() <= 0 ? Optional.empty()
                : CapSlots.take(store, PREFIX + "cap:" + realmId + ":" + user.getId(), limits.userSendCap(),
                limits.sendCapWindow().toSeconds());
        if (limits.userSendCap() > 0 && slot.isEmpty()) {
            store.remove(cooldown);
            sendRefused(context, "user_cap");
            context.challenge(page(context.form().setError("pimPhoneResetLinkLimit")));
            return;
        }
        try {
            if (!PhoneReset.mailLinkAgain(context.getSession(), context.getRealm(), user)) {
                slot.ifPresent(store::remove);
                store.remove(cooldown);
                context.challenge(page(context.form().setError("pimPhoneResetNoEmail")));
                return;
            }
        } catch (EmailException e) {
            LOG.warnf("Could not mail the phone-reset link again to user %s: %s", user.getId(), e.getMessage());
            slot.ifPresent(store::remove);
            store.remove(cooldown);
            context.challenge(page(context.form().setError("pimPhoneResetLinkFailed")));
            return;
        }
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail(Details.CUSTOM_REQUIRED_ACTION, PhoneOtp.REGISTER_ACTION)
                .detail(Details.EMAIL, PhoneMark.of(user).resetEmail())
                .detail("phone_reset_link", "sent")
                .success();
        context.challenge(page(context.form().setSuccess("pimPhoneResetLinkSent")));
    }

    private static Response page(LoginFormsProvider form) {
        return form.createForm(PAGE);
    }

    /** Someone reached phone registration of a reset account without the link: worth an admin's eye. */
    private static void refused(RequiredActionContext context) {
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE)
                .error(LINK_REQUIRED);
    }

    private static void sendRefused(RequiredActionContext context, String reason) {
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(context.getUser())
                .detail(Details.CUSTOM_REQUIRED_ACTION, PhoneOtp.REGISTER_ACTION)
                .detail("reason", reason)
                .error("phone_reset_link_limit");
    }
}
