package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneKeys;
import org.pimaccess.keycloak.phone.PhoneNumberInput;
import org.pimaccess.keycloak.phone.PhoneNumbers;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.SenderChain;

/**
 * Sends one code to one phone: checks the number's type against the method (at every send, as phones
 * also arrive through the admin REST API and realm import), the country, cooldown and caps, sends through the senders the
 * policy lists for the method (the next one when one fails or is busy), and only once a gateway
 * accepted it binds the code to the session. The caps and budgets count every attempt that may have
 * cost money: the one that delivered, and each that failed after its request went out (a timeout, a
 * 5xx); an attempt that surely sent nothing counts against nobody. Events and logs name the masked
 * number only.
 */
public final class CodeDelivery {

    public static final String DETAIL_METHOD = "phone_otp_method";
    public static final String DETAIL_PHONE = "phone_masked";
    public static final String DETAIL_REFUSAL = "phone_otp_refusal";
    /** The sender that delivered the code, when another failed before it. */
    public static final String DETAIL_SENDER = "phone_sender";
    /** The senders that did not take the code, in order, as {@code id:event_error}. */
    public static final String DETAIL_FAILED_SENDERS = "phone_senders_failed";
    /**
     * Every sender tried and how it ended, in order: {@code id:sent}, or {@code id:event_error}, with
     * {@code :maybe_delivered} when that gateway failed after the request went out (counted as a send).
     */
    public static final String DETAIL_SENDERS_TRIED = "phone_senders_tried";
    public static final String ERROR_SEND_REFUSED = "phone_otp_send_refused";
    public static final String ERROR_BUDGET = "phone_message_budget";
    /** Which budget ran out: {@code realm}, or the country code of a country budget. */
    public static final String DETAIL_BUDGET = "phone_message_budget";
    /** The message when a gateway throttled and said when to come back. */
    static final String RETRY_AFTER_MESSAGE = "phone_message_throttled_retry_after";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Logger LOG = Logger.getLogger(CodeDelivery.class);
    private static final AtomicBoolean HOP_WITHOUT_PROXIES_WARNED = new AtomicBoolean();

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
    private final SendLimiter.Purpose purpose;
    private final EventBuilder event;
    private final PhoneOtpPolicy policy;
    private final Clock clock;

    public CodeDelivery(KeycloakSession session, RealmModel realm, UserModel user, SendLimiter.Purpose purpose, EventBuilder event,
                        PhoneOtpPolicy policy, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.purpose = purpose;
        this.event = event;
        this.policy = policy;
        this.clock = clock;
    }

    public Result deliver(String phoneId, String phoneNumber, DeliveryMethod method, CodeChallenge challenge) {
        String masked = PhoneNumbers.mask(phoneNumber);
        if (challenge.exhausted(policy)) {
            return refuse(masked, method, "exhausted", "pimPhoneOtpCodeExhausted");
        }
        if (!PhoneNumberInput.methodsFor(phoneNumber, PhoneRegistrationPolicy.of(realm).moreNumberTypes()).contains(method)) {
            return refuse(masked, method, "number_type", "pimPhoneOtpNumberTypeRefused");
        }
        String region = PhoneNumbers.regionOf(phoneNumber).orElse(null);
        if (!policy.allowsCountry(region)) {
            return refuse(masked, method, "country", "pimPhoneOtpCountryNotAllowed");
        }
        SendLimiter.Decision decision = new SendLimiter(session.getProvider(SingleUseObjectProvider.class), policy, clock)
                .acquire(new SendLimiter.Request(realm.getId(), user.getId(), PhoneKeys.of(session, realm, phoneNumber),
                        clientKey(), method, region, purpose));
        if (decision instanceof SendLimiter.Refused refused) {
            return switch (refused.refusal()) {
                case COOLDOWN -> refuse(masked, method, "cooldown", "pimPhoneOtpCooldown", Math.max(1, refused.secondsLeft()));
                case BUDGET -> overBudget(masked, method, refused.scope());
                default -> refuse(masked, method, refused.refusal().name().toLowerCase(Locale.ROOT), "pimPhoneOtpCapReached");
            };
        }
        SendLimiter.Permit permit = (SendLimiter.Permit) decision;
        String code = CodeChallenge.newCode(policy);
        try {
            SenderChain.Delivery delivery = permit.use(() -> {
                Locale locale = session.getContext().resolveLocale(user);
                String text = CodeMessageText.of(session, locale, method, code, policy.codeTtl());
                return new SenderChain(session, policy.sendersFor(method), policy.spendLimitFailsOver(), permit::chargeAnother)
                        .send(new PhoneMessage(phoneNumber, method, text, code, locale));
            });
            challenge.remember(phoneId, method, code, policy.codeTtl());
            LOG.debugf("Phone code for user %s sent by %s to %s through %s, message %s", user.getId(), method.formValue(),
                    masked, delivery.senderId(), delivery.messageId());
            if (!delivery.failedBefore().isEmpty()) {
                // The code went out, but a gateway failed first: operators see it as the error of that gateway.
                event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                        .detail(DETAIL_SENDER, delivery.senderId()).detail(DETAIL_FAILED_SENDERS, delivery.failedBeforeText())
                        .detail(DETAIL_SENDERS_TRIED, delivery.triedText())
                        .error(delivery.failedBefore().get(0).reason().eventError());
            }
            return Result.ok();
        } catch (SenderChain.Failed e) {
            LOG.warnf("Phone code for user %s not sent by %s to %s: %s", user.getId(), method.formValue(), masked, e.getMessage());
            event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                    .detail(DETAIL_FAILED_SENDERS, e.failuresText()).detail(DETAIL_SENDERS_TRIED, e.triedText())
                    .error(e.reason().eventError());
            return e.retryAfter().isPresent()
                    ? Result.refused(RETRY_AFTER_MESSAGE, Math.max(1, e.retryAfter().get().toSeconds()))
                    : Result.refused(e.reason().eventError());
        } catch (PhoneMessageSendException | RuntimeException e) {
            // A fault of ours or of the server (say, a theme that breaks the message text): the person
            // sees "try again later", and the stack trace is for the operator. Nothing in it names the code.
            LOG.errorf(e, "Phone code for user %s not sent by %s to %s", user.getId(), method.formValue(), masked);
            event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                    .error(PhoneMessageSendException.Reason.UNAVAILABLE.eventError());
            return Result.refused(PhoneMessageSendException.Reason.UNAVAILABLE.eventError());
        }
    }

    /** The user typed the right code: a new code for a new purpose need not wait out the cooldown. */
    public void codeUsed() {
        new SendLimiter(session.getProvider(SingleUseObjectProvider.class), policy, clock).codeUsed(realm.getId(), user.getId());
    }

    /** What the per-IP cap counts for this request, hashed; null when Keycloak knows no address. */
    private String clientKey() {
        if (policy.clientAddressHop() > 0 && !ProxyTrust.configured() && HOP_WITHOUT_PROXIES_WARNED.compareAndSet(false, true)) {
            LOG.warn("client-address-hop is set but Keycloak has no proxy-trusted-addresses: the hop is ignored and "
                    + "the per-IP cap counts the address Keycloak resolved");
        }
        String address = ClientAddress.choose(session.getContext().getConnection().getRemoteAddr(),
                session.getContext().getRequestHeaders().getRequestHeader(FORWARDED_FOR), policy.clientAddressHop(),
                ProxyTrust.fromTrustedProxy(session));
        String subject = ClientAddress.subject(address, policy.ipv6PrefixLength());
        return subject == null ? null : PhoneKeys.of(session, realm, subject);
    }

    /** A budget ran out: its own event error, so an operator can tell an attack from a user's bad luck. */
    private Result overBudget(String masked, DeliveryMethod method, String scope) {
        PhoneMetrics.sendRefused("budget");
        event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                .detail(DETAIL_BUDGET, scope).error(ERROR_BUDGET);
        return Result.refused("pimPhoneOtpBudgetReached");
    }

    private Result refuse(String masked, DeliveryMethod method, String why, String messageKey, Object... parameters) {
        PhoneMetrics.sendRefused(why);
        event.clone().user(user).detail(DETAIL_METHOD, method.formValue()).detail(DETAIL_PHONE, masked)
                .detail(DETAIL_REFUSAL, why).error(ERROR_SEND_REFUSED);
        return Result.refused(messageKey, parameters);
    }
}
