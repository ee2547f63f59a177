package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneNumbers;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.SenderChain;

/**
 * Sends one code to one phone: checks the country, cooldown and caps, sends through the senders the
 * policy lists for the method (the next one when one fails or is busy), and only once a gateway
 * accepted it binds the code to the session. The caps count one send however many senders tried;
 * a send no gateway took counts against nobody. Events and logs name the masked number only.
 */
public final class CodeDelivery {

    public static final String DETAIL_METHOD = "phone_otp_method";
    public static final String DETAIL_PHONE = "phone_masked";
    public static final String DETAIL_REFUSAL = "phone_otp_refusal";
    /** The sender that delivered the code, when another failed before it. */
    public static final String DETAIL_SENDER = "phone_sender";
    /** The senders that did not take the code, in order, as {@code id:event_error}. */
    public static final String DETAIL_FAILED_SENDERS = "phone_senders_failed";
    public static final String ERROR_SEND_REFUSED = "phone_otp_send_refused";
    /** The message when a gateway throttled and said when to come back. */
    static final String RETRY_AFTER_MESSAGE = "phone_message_throttled_retry_after";

    private static final Logger LOG = Logger.getLogger(CodeDelivery.class);

    /** What happened, and the message key for the user when nothing was sent. */
    public record Result(boolean sent, String messageKey, Object... messageParameters) {
        static Result ok() {
            return new Result(true, null);
        }

        static Result refused(String messageKey, Object... parameters) {
            return new Result(false, messageKey, parameters);
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final String clientIp;
    private final EventBuilder event;
    private final PhoneOtpPolicy policy;
    private final Clock clock;

    public CodeDelivery(KeycloakSession session, RealmModel realm, UserModel user, String clientIp, EventBuilder event,
                        PhoneOtpPolicy policy, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.clientIp = clientIp;
        this.event = event;
        this.policy = policy;
        this.clock = clock;
    }

    public Result deliver(String phoneId, String phoneNumber, DeliveryMethod method, CodeChallenge challenge) {
        String masked = PhoneNumbers.mask(phoneNumber);
        if (challenge.exhausted(policy)) {
            return refuse(masked, method, "exhausted", "pimPhoneOtpCodeExhausted");
        }
        if (!policy.allowsCountry(PhoneNumbers.regionOf(phoneNumber).orElse(null))) {
            return refuse(masked, method, "country", "pimPhoneOtpCountryNotAllowed");
        }
        SendLimiter.Decision decision = new SendLimiter(session.getProvider(SingleUseObjectProvider.class), policy, clock)
                .acquire(realm.getId(), user.getId(), phoneNumber, clientIp);
        if (decision instanceof SendLimiter.Refused refused) {
            return refused.refusal() == SendLimiter.Refusal.COOLDOWN
                    ? refuse(masked, method, "cooldown", "pimPhoneOtpCooldown", Math.max(1, refused.secondsLeft()))
                    : refuse(masked, method, refused.refusal().name().toLowerCase(Locale.ROOT), "pimPhoneOtpCapReached");
        }
        SendLimiter.Permit permit = (SendLimiter.Permit) decision;
        try {
            String code = CodeChallenge.newCode(policy);
            String text = CodeMessageText.of(session, user, method, code, policy.codeTtl());
            SenderChain.Delivery delivery = new SenderChain(session, policy.sendersFor(method))
                    .send(new PhoneMessage(phoneNumber, method, text, code, session.getContext().resolveLocale(user)));
            permit.sent();
            challenge.remember(phoneId, method, code, policy.codeTtl());
            LOG.debugf("Phone code for user %s sent by %s to %s through %s, message %s", user.getId(), method.formValue(),
                    masked, delivery.senderId(), delivery.messageId());
            if (!delivery.failedBefore().isEmpty()) {
                // The code went out, but a gateway failed first: operators see it as the error of that gateway.
                event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                        .detail(DETAIL_SENDER, delivery.senderId()).detail(DETAIL_FAILED_SENDERS, delivery.failedBeforeText())
                        .error(delivery.failedBefore().get(0).reason().eventError());
            }
            return Result.ok();
        } catch (SenderChain.Failed e) {
            permit.release();
            LOG.warnf("Phone code for user %s not sent by %s to %s: %s", user.getId(), method.formValue(), masked, e.getMessage());
            event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                    .detail(DETAIL_FAILED_SENDERS, e.failuresText())
                    .error(e.reason().eventError());
            return e.retryAfter().isPresent()
                    ? Result.refused(RETRY_AFTER_MESSAGE, Math.max(1, e.retryAfter().get().toSeconds()))
                    : Result.refused(e.reason().eventError());
        }
    }

    /** The user typed the right code: a new code for a new purpose need not wait out the cooldown. */
    public void codeUsed() {
        new SendLimiter(session.getProvider(SingleUseObjectProvider.class), policy, clock).codeUsed(realm.getId(), user.getId());
    }

    private Result refuse(String masked, DeliveryMethod method, String why, String messageKey, Object... parameters) {
        event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                .detail(DETAIL_REFUSAL, why).error(ERROR_SEND_REFUSED);
        return Result.refused(messageKey, parameters);
    }
}
