package org.pimaccess.keycloak.authenticator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.code.CodeDelivery;
import org.pimaccess.keycloak.code.CodePage;
import org.pimaccess.keycloak.code.CodeStep;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.code.SendLimiter;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneCredentialProvider;
import org.pimaccess.keycloak.phone.PhoneCredentialProviderFactory;
import org.pimaccess.keycloak.phone.PhoneOtp;
import org.pimaccess.keycloak.trust.TrustedBrowser;
import org.pimaccess.keycloak.trust.TrustedBrowserDays;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * Sign-in step: pick a phone and a method, Send, type the code, Submit. {@code authenticate} only
 * renders (a page refresh never sends); {@code action} handles the button that was pressed. The code
 * itself is the shared {@link CodeStep}; what is this step's own is the phone choice and that a wrong
 * code is a failed sign-in ({@code failureChallenge}). A browser the person trusted stands in for the code right after
 * the password ({@link TrustedBrowsers}); the code page offers to trust this one.
 */
public class PhoneOtpAuthenticator implements Authenticator, CredentialValidator<PhoneCredentialProvider> {

    static final String FIELD_PHONE_ID = "phoneId";
    static final String FIELD_DELIVERY_METHOD = "deliveryMethod";
    /** Longest input we even look at; anything longer is refused before any work. */
    private static final int MAX_INPUT = 64;

    private final Clock clock;

    PhoneOtpAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PhoneOtpPages pages = pages(context);
        CodeStep step = step(context);
        if (lockedOut(context, pages, step)) {
            return;
        }
        if (step.challenge().pending().isEmpty()
                && TrustedBrowsers.honoured(context, TrustedBrowserDays.ofStep(configOf(context)), clock)) {
            context.success(TrustedBrowser.TYPE);
            return;
        }
        context.challenge(step.challenge().pending().isPresent() ? pages.code(step.challenge()).show() : pages.select(null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        PhoneOtpPages pages = pages(context);
        CodeStep step = step(context);
        if (lockedOut(context, pages, step)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("send")) {
            send(context, pages, step, form);
        } else if (form.containsKey("resend")) {
            resend(context, pages, step);
        } else if (form.containsKey("back")) {
            step.challenge().forget();
            context.challenge(pages.select(null));
        } else {
            verify(context, pages, step, form.getFirst(CodePage.FIELD_CODE));
        }
    }

    private void send(AuthenticationFlowContext context, PhoneOtpPages pages, CodeStep step,
                      MultivaluedMap<String, String> form) {
        Optional<PhoneCredentialModel> phone = phoneOf(context, form.getFirst(FIELD_PHONE_ID));
        if (phone.isEmpty()) {
            context.getEvent().clone().user(context.getUser()).error(Errors.INVALID_INPUT);
            context.challenge(pages.selectWithFieldError(FIELD_PHONE_ID, "pimPhoneOtpChoosePhoneError"));
            return;
        }
        Optional<DeliveryMethod> method = step.method(limit(form.getFirst(FIELD_DELIVERY_METHOD)));
        if (method.isEmpty()) {
            context.challenge(pages.selectWithFieldError(FIELD_DELIVERY_METHOD, "pimPhoneOtpChooseMethodError"));
            return;
        }
        if (!phone.get().deliveryMethods().contains(method.get())) {
            context.challenge(pages.selectWithFieldError(FIELD_DELIVERY_METHOD, "pimPhoneOtpMethodNotSupported",
                    pages.methodName(method.get())));
            return;
        }
        CodeDelivery.Result result = step.send(phone.get().getId(), phone.get().phoneNumber(), method.get());
        context.challenge(result.sent() ? pages.code(step.challenge()).show() : pages.select(result));
    }

    private void resend(AuthenticationFlowContext context, PhoneOtpPages pages, CodeStep step) {
        Optional<PhoneCredentialModel> phone = step.challenge().pending().flatMap(p -> phoneOf(context, p.phoneId()));
        if (phone.isEmpty()) {
            context.challenge(pages.select(null));
            return;
        }
        context.challenge(pages.code(step.challenge()).afterResend(step.resend(phone.get().phoneNumber())));
    }

    private void verify(AuthenticationFlowContext context, PhoneOtpPages pages, CodeStep step, String typed) {
        step.challenge().pending().ifPresent(pending -> context.getEvent()
                .detail(Details.SELECTED_CREDENTIAL_ID, pending.phoneId())
                .detail(CodeDelivery.DETAIL_METHOD, pending.method().formValue()));
        CodeStep.Outcome outcome = step.check(typed);
        switch (outcome) {
            case NO_CODE -> context.challenge(pages.selectWithError("pimPhoneOtpNoCode"));
            case VALID -> {
                TrustedBrowsers.secondFactorUsed(context.getAuthenticationSession());
                int trustDays = trustDays(context);
                if (trustDays > 0 && "on".equals(context.getHttpRequest().getDecodedFormParameters().getFirst(TrustedBrowsers.FIELD))) {
                    TrustedBrowsers.trust(context, trustDays, clock);
                }
                context.success(PhoneCredentialModel.TYPE);
            }
            default -> {
                if (outcome.wrongGuess()) {
                    context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, pages.code(step.challenge()).refused(outcome));
                } else {
                    context.challenge(pages.code(step.challenge()).refused(outcome));
                }
            }
        }
    }

    private static boolean lockedOut(AuthenticationFlowContext context, PhoneOtpPages pages, CodeStep step) {
        if (!step.lockedOut()) {
            return false;
        }
        context.forceChallenge(pages.selectWithError("pimPhoneOtpCodeInvalid"));
        return true;
    }

    private Optional<PhoneCredentialModel> phoneOf(AuthenticationFlowContext context, String phoneId) {
        if (phoneId == null || phoneId.length() > MAX_INPUT) {
            return Optional.empty();
        }
        return PhoneCredentialModel.phonesOf(context.getUser()).stream().filter(phone -> phone.getId().equals(phoneId)).findFirst();
    }

    private PhoneOtpPages pages(AuthenticationFlowContext context) {
        return new PhoneOtpPages(context, PhoneCredentialModel.phonesOf(context.getUser()), policy(context), clock,
                () -> trustDays(context));
    }

    private static int trustDays(AuthenticationFlowContext context) {
        return TrustedBrowsers.offeredDays(context, TrustedBrowserDays.ofStep(configOf(context)));
    }

    private CodeStep step(AuthenticationFlowContext context) {
        return new CodeStep(context.getSession(), context.getAuthenticationSession(), context.getUser(), context.getEvent(),
                SendLimiter.Purpose.SIGN_IN, policy(context), clock);
    }

    private static PhoneOtpPolicy policy(AuthenticationFlowContext context) {
        return PhoneOtpPolicy.from(configOf(context));
    }

    private static Map<String, String> configOf(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig();
    }

    private static String limit(String value) {
        return value == null || value.length() > MAX_INPUT ? null : value;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return PhoneCredentialModel.hasPhone(user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(PhoneOtp.REGISTER_ACTION)) {
            authSession.addRequiredAction(PhoneOtp.REGISTER_ACTION);
        }
    }

    /** Phone registration, as Keycloak's OTP form names its setup action; empty where it is not deployed. */
    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(RequiredActionProvider.class, PhoneOtp.REGISTER_ACTION)
                instanceof RequiredActionFactory registration ? List.of(registration) : List.of();
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(CredentialProvider.class, PhoneCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public void close() {
    }
}
