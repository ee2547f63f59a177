package org.pimaccess.keycloak.authenticator;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.code.CodeChallenge;
import org.pimaccess.keycloak.code.CodeDelivery;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.code.WrongCodes;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneCredentialProvider;
import org.pimaccess.keycloak.phone.PhoneCredentialProviderFactory;

/**
 * Sign-in step: pick a phone and a method, Send, type the code, Submit. {@code authenticate} only
 * renders (a page refresh never sends); {@code action} handles the button that was pressed.
 */
public class PhoneOtpAuthenticator implements Authenticator, CredentialValidator<PhoneCredentialProvider> {

    static final String FIELD_PHONE_ID = "phoneId";
    static final String FIELD_DELIVERY_METHOD = "deliveryMethod";
    static final String FIELD_CODE = "code";
    /** Longest input we even look at; anything longer is refused before any work. */
    private static final int MAX_INPUT = 64;

    private final Clock clock;

    PhoneOtpAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PhoneOtpPages pages = pages(context);
        if (lockedOut(context, pages)) {
            return;
        }
        CodeChallenge challenge = challenge(context);
        context.challenge(challenge.pending().isPresent() ? pages.code(challenge) : pages.select(null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        PhoneOtpPages pages = pages(context);
        if (lockedOut(context, pages)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        CodeChallenge challenge = challenge(context);
        if (form.containsKey("send")) {
            send(context, pages, challenge, form);
        } else if (form.containsKey("resend")) {
            resend(context, pages, challenge);
        } else if (form.containsKey("back")) {
            challenge.forget();
            context.challenge(pages.select(null));
        } else {
            verify(context, pages, challenge, form);
        }
    }

    private void send(AuthenticationFlowContext context, PhoneOtpPages pages, CodeChallenge challenge,
                      MultivaluedMap<String, String> form) {
        Optional<PhoneCredentialModel> phone = phoneOf(context, form.getFirst(FIELD_PHONE_ID));
        if (phone.isEmpty()) {
            context.getEvent().clone().user(context.getUser()).error(Errors.INVALID_INPUT);
            context.challenge(pages.selectWithFieldError(FIELD_PHONE_ID, "pimPhoneOtpChoosePhoneError"));
            return;
        }
        Optional<DeliveryMethod> method = DeliveryMethod.fromFormValue(limit(form.getFirst(FIELD_DELIVERY_METHOD)));
        if (method.isEmpty()) {
            context.getEvent().clone().user(context.getUser()).error(Errors.INVALID_INPUT);
            context.challenge(pages.selectWithFieldError(FIELD_DELIVERY_METHOD, "pimPhoneOtpChooseMethodError"));
            return;
        }
        if (!phone.get().deliveryMethods().contains(method.get())) {
            context.challenge(pages.selectWithFieldError(FIELD_DELIVERY_METHOD, "pimPhoneOtpMethodNotSupported",
                    pages.methodName(method.get())));
            return;
        }
        CodeDelivery.Result result = delivery(context).deliver(phone.get().getId(), phone.get().phoneNumber(),
                method.get(), challenge);
        context.challenge(result.sent() ? pages.code(challenge) : pages.select(result));
    }

    private void resend(AuthenticationFlowContext context, PhoneOtpPages pages, CodeChallenge challenge) {
        Optional<CodeChallenge.Pending> pending = challenge.pending();
        Optional<PhoneCredentialModel> phone = pending.flatMap(p -> phoneOf(context, p.phoneId()));
        if (phone.isEmpty()) {
            context.challenge(pages.select(null));
            return;
        }
        CodeDelivery.Result result = delivery(context).deliver(phone.get().getId(), phone.get().phoneNumber(),
                pending.get().method(), challenge);
        context.challenge(result.sent() ? pages.codeWithInfo(challenge, "pimPhoneOtpNewCodeSent")
                : pages.codeWithError(challenge, result.messageKey(), result.messageParameters()));
    }

    private void verify(AuthenticationFlowContext context, PhoneOtpPages pages, CodeChallenge challenge,
                        MultivaluedMap<String, String> form) {
        PhoneOtpPolicy policy = policy(context);
        if (challenge.pending().isEmpty()) {
            context.challenge(pages.selectWithError("pimPhoneOtpNoCode"));
            return;
        }
        String code = form.getFirst(FIELD_CODE);
        if (code == null || code.isBlank()) {
            context.challenge(pages.codeWithFieldError(challenge, "pimPhoneOtpCodeMissing"));
            return;
        }
        Optional<String> wellFormed = CodeChallenge.wellFormed(code, policy);
        if (wellFormed.isEmpty()) {
            context.getEvent().clone().user(context.getUser()).error(Errors.INVALID_INPUT);
            context.challenge(pages.codeWithFieldError(challenge, "pimPhoneOtpCodeFormat", policy.codeLength()));
            return;
        }
        String phoneId = challenge.pending().get().phoneId();
        context.getEvent().detail(Details.SELECTED_CREDENTIAL_ID, phoneId)
                .detail(CodeDelivery.DETAIL_METHOD, challenge.pending().get().method().formValue());
        CodeChallenge.Verdict verdict = challenge.verify(wellFormed.get(), policy);
        switch (verdict) {
            case VALID -> {
                delivery(context).codeUsed();
                context.success(PhoneCredentialModel.TYPE);
            }
            case WRONG, EXHAUSTED -> {
                WrongCodes.report(context.getSession(), context.getRealm(), context.getUser());
                context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, verdict == CodeChallenge.Verdict.WRONG
                        ? pages.codeWithFieldError(challenge, "pimPhoneOtpCodeInvalid")
                        : pages.codeWithError(challenge, "pimPhoneOtpCodeExhausted"));
            }
            case EXPIRED, NONE -> {
                context.getEvent().clone().user(context.getUser()).error(Errors.EXPIRED_CODE);
                context.challenge(pages.codeWithFieldError(challenge, "pimPhoneOtpCodeExpired"));
            }
        }
    }

    /** The realm's brute-force lockout is checked first, as Keycloak's own OTP form does. */
    private boolean lockedOut(AuthenticationFlowContext context, PhoneOtpPages pages) {
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (error == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(error);
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
        return new PhoneOtpPages(context, PhoneCredentialModel.phonesOf(context.getUser()), policy(context), clock);
    }

    private CodeDelivery delivery(AuthenticationFlowContext context) {
        return new CodeDelivery(context.getSession(), context.getRealm(), context.getUser(),
                context.getConnection().getRemoteAddr(), context.getEvent(), policy(context), clock);
    }

    private CodeChallenge challenge(AuthenticationFlowContext context) {
        return new CodeChallenge(CodeChallenge.notesOf(context.getAuthenticationSession()), clock);
    }

    private static PhoneOtpPolicy policy(AuthenticationFlowContext context) {
        return PhoneOtpPolicy.from(context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig());
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
        if (!session.getContext().getAuthenticationSession().getRequiredActions().contains(PhoneCredentialProvider.REGISTER_ACTION)) {
            session.getContext().getAuthenticationSession().addRequiredAction(PhoneCredentialProvider.REGISTER_ACTION);
        }
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(CredentialProvider.class, PhoneCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public void close() {
    }
}
