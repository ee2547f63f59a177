package org.pimaccess.keycloak.registration;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.code.CodeDelivery;
import org.pimaccess.keycloak.code.CodePage;
import org.pimaccess.keycloak.code.CodeStep;
import org.pimaccess.keycloak.code.SendLimiter;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.EmailChangeValidator;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneEnrollment;
import org.pimaccess.keycloak.phone.PhoneNumberIndex;
import org.pimaccess.keycloak.phone.PhoneNumberInput;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;
import org.pimaccess.keycloak.phone.PersonPhones;
import org.pimaccess.keycloak.phone.PhoneNumbers;
import org.pimaccess.keycloak.phone.PhoneOtp;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * Registers a phone: number, label and preferred method; a code sent to it; the code typed back
 * proves possession and stores the credential. The code itself is the {@link CodeStep} that sign-in
 * uses too, with the same limits, brute-force counting and events (here of type
 * {@code UPDATE_CREDENTIAL}). As a default action it only runs for users without a phone; asked for
 * with {@code kc_action=phone-register} it adds another, after Keycloak's step-up to a fresh
 * phone-OTP level (it is a {@link CredentialRegistrator} for type {@code phone}). After an admin reset
 * the person's phones, it opens only through the emailed link ({@link ResetGate}).
 */
public class PhoneRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    static final String FIELD_NUMBER = "phoneNumber";
    static final String FIELD_COUNTRY = "country";
    static final String FIELD_LABEL = "label";
    static final String FIELD_METHOD = "deliveryMethod";

    /** The registration in progress, kept in the authentication session. */
    static final String NOTE_NUMBER = "pim.phone-register.number";
    static final String NOTE_LABEL = "pim.phone-register.label";
    /** The code engine needs a phone id; a phone being registered has none yet. */
    static final String NEW_PHONE = "new";
    /** Why an added phone is refused in a session that no typed code signed in (Keycloak asks one first but in its first second). */
    static final String NEEDS_CODE = "a phone is added only after a code typed in this sign-in, not from a trusted browser";

    private final Clock clock;

    PhoneRegisterAction(Clock clock) {
        this.clock = clock;
    }

    /**
     * A brokered sign-in reaches no authenticator of the pack, but Keycloak asks every enabled required action's
     * triggers before it commits: here the identity provider's writes to the address that the reset link (the one
     * way back to phone registration) goes to are held to the email rule.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (context.getAuthenticationSession().getAuthNote(AuthenticationProcessor.BROKER_USER_ID) != null) {
            EmailChangeValidator.holdBrokeredChange(context.getSession(), context.getRealm(), context.getUser());
        }
    }

    /**
     * A session a trusted browser signed in is never fresh enough to add a phone: Keycloak asks the password and a
     * code first (a trusted browser does not stand in for it there).
     */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return TrustedBrowsers.maxAuthAge(session, RequiredActionProvider.super.getMaxAuthAge(session));
    }

    /** Applications may send users here with {@code kc_action=phone-register} to add a phone. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!appInitiated(context) && PhoneCredentialModel.hasPhone(context.getUser())) {
            context.success();
            return;
        }
        if (ResetGate.closed(context)) {
            ResetGate.challenge(context);
            return;
        }
        if (appInitiated(context) && TrustedBrowsers.signedInByTrust(context.getSession(), context.getAuthenticationSession())) {
            context.failure(NEEDS_CODE);
            return;
        }
        RegistrationPages pages = pages(context);
        CodeStep step = step(context);
        if (lockedOut(context, pages, step)) {
            return;
        }
        context.challenge(step.challenge().pending().isPresent() && pendingNumber(context) != null
                ? pages.code(step.challenge(), pendingNumber(context)).show() : pages.form());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (ResetGate.closed(context)) {
            ResetGate.action(context, policy(context).codes());
            return;
        }
        if (appInitiated(context) && TrustedBrowsers.signedInByTrust(context.getSession(), context.getAuthenticationSession())) {
            context.failure(NEEDS_CODE);
            return;
        }
        RegistrationPages pages = pages(context);
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
            context.getAuthenticationSession().removeAuthNote(NOTE_NUMBER);
            context.challenge(pages.form());
        } else if (form.containsKey("cancel-aia") && appInitiated(context)) {
            context.cancel();
        } else {
            verify(context, pages, step, form.getFirst(CodePage.FIELD_CODE));
        }
    }

    private void send(RequiredActionContext context, RegistrationPages pages, CodeStep step,
                      MultivaluedMap<String, String> form) {
        PhoneRegistrationPolicy policy = policy(context);
        Optional<DeliveryMethod> method = step.method(form.getFirst(FIELD_METHOD));
        if (method.isEmpty()) {
            context.challenge(pages.formWithFieldError(FIELD_METHOD, "pimPhoneOtpChooseMethodError"));
            return;
        }
        PhoneNumberInput.Result number = PhoneNumberInput.parse(form.getFirst(FIELD_NUMBER), form.getFirst(FIELD_COUNTRY),
                method.get(), policy.moreNumberTypes());
        if (!number.valid()) {
            if (PhoneNumberInput.REFUSED_TYPE.equals(number.errorKey())) {
                PhoneMetrics.sendRefused("number_type");
            }
            invalid(context, pages, number.errorKey());
            return;
        }
        if (!policy.codes().allowsCountry(number.region())) {
            PhoneMetrics.sendRefused("country");
            invalid(context, pages, "pimPhoneOtpCountryNotAllowed");
            return;
        }
        List<PhoneCredentialModel> phones = PhoneCredentialModel.phonesOf(context.getUser());
        if (phones.size() >= policy.maxPhones()) {
            invalid(context, pages, "pimPhoneRegisterTooMany", policy.maxPhones());
            return;
        }
        if (phones.stream().anyMatch(phone -> phone.phoneNumber().equals(number.e164()))) {
            invalid(context, pages, "pimPhoneRegisterDuplicate");
            return;
        }
        if (policy.uniqueAcrossUsers()
                && PhoneNumberIndex.heldByAnotherUser(context.getSession(), context.getRealm(), context.getUser(), number.e164())) {
            invalid(context, pages, "pimPhoneRegisterTaken");
            return;
        }
        String label = form.getFirst(FIELD_LABEL);
        if (!PersonPhones.labelAllowed(label)) {
            context.challenge(pages.formWithFieldError(FIELD_LABEL, "pimPhoneRegisterLabelTooLong", PersonPhones.MAX_LABEL));
            return;
        }
        CodeDelivery.Result result = step.send(NEW_PHONE, number.e164(), method.get());
        if (!result.sent()) {
            context.challenge(pages.formWithError(result.messageKey(), result.messageParameters()));
            return;
        }
        context.getAuthenticationSession().setAuthNote(NOTE_NUMBER, number.e164());
        context.getAuthenticationSession().setAuthNote(NOTE_LABEL, label == null ? "" : label.strip());
        context.challenge(pages.code(step.challenge(), number.e164()).show());
    }

    private void resend(RequiredActionContext context, RegistrationPages pages, CodeStep step) {
        String number = pendingNumber(context);
        if (number == null || step.challenge().pending().isEmpty()) {
            context.challenge(pages.form());
            return;
        }
        context.challenge(pages.code(step.challenge(), number).afterResend(step.resend(number)));
    }

    private void verify(RequiredActionContext context, RegistrationPages pages, CodeStep step, String typed) {
        String number = pendingNumber(context);
        Optional<DeliveryMethod> method = step.challenge().pending().map(pending -> pending.method());
        CodeStep.Outcome outcome = number == null ? CodeStep.Outcome.NO_CODE : step.check(typed);
        switch (outcome) {
            case NO_CODE -> context.challenge(pages.formWithError("pimPhoneOtpNoCode"));
            case VALID -> register(context, number, method.orElseThrow());
            default -> context.challenge(pages.code(step.challenge(), number).refused(outcome));
        }
    }

    private void register(RequiredActionContext context, String number, DeliveryMethod method) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PhoneRegistrationPolicy policy = policy(context);
        PhoneEnrollment.Result stored = PersonPhones.add(context.getSession(), context.getRealm(), context.getUser(), number,
                authSession.getAuthNote(NOTE_LABEL), EnumSet.allOf(DeliveryMethod.class), method);
        authSession.removeAuthNote(NOTE_NUMBER);
        authSession.removeAuthNote(NOTE_LABEL);
        switch (stored.outcome()) {
            case TOO_MANY -> invalid(context, pages(context), "pimPhoneRegisterTooMany", policy.maxPhones());
            case DUPLICATE -> invalid(context, pages(context), "pimPhoneRegisterDuplicate");
            case TAKEN -> invalid(context, pages(context), "pimPhoneRegisterTaken");
            case BUSY -> invalid(context, pages(context), "pimPhoneRegisterBusy");
            case STORED -> registered(context, number, method, stored.credentialId());
        }
    }

    private void registered(RequiredActionContext context, String number, DeliveryMethod method, String credentialId) {
        context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, credentialId)
                .detail(CodeDelivery.DETAIL_PHONE, PhoneNumbers.mask(number))
                .detail(CodeDelivery.DETAIL_METHOD, method.formValue());
        reachPhoneOtpLevel(context);
        context.success();
    }

    /**
     * The code just typed proves possession of the phone exactly as a phone-OTP sign-in does, so the
     * session reaches that level, for this sign-in and for single sign-on later. This matters after
     * self-registration, whose flow has no levels: without it the person would have to type a second
     * code at once, and again when opening the next application. A user who already had a phone only gets
     * here after stepping up to that level (see {@link #initiatedActionSupport()}).
     */
    private static void reachPhoneOtpLevel(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Integer level = AcrUtils.getAcrLoaMap(authSession.getClient()).get(PhoneOtp.ACR);
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        if (level != null && acr.getLevelOfAuthenticationFromCurrentAuthentication() < level) {
            acr.setLevelAuthenticated(level);
            // As Keycloak's level-of-authentication condition does, so that single sign-on remembers it.
            authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        }
    }

    private void invalid(RequiredActionContext context, RegistrationPages pages, String key, Object... parameters) {
        credentialUpdate(context).user(context.getUser()).error(Errors.INVALID_INPUT);
        context.challenge(pages.formWithFieldError(FIELD_NUMBER, key, parameters));
    }

    private static boolean lockedOut(RequiredActionContext context, RegistrationPages pages, CodeStep step) {
        if (!step.lockedOut()) {
            return false;
        }
        context.challenge(pages.formWithError("pimPhoneOtpCodeInvalid"));
        return true;
    }

    private static boolean appInitiated(RequiredActionContext context) {
        return PhoneOtp.REGISTER_ACTION.equals(
                context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    private static String pendingNumber(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(NOTE_NUMBER);
    }

    private RegistrationPages pages(RequiredActionContext context) {
        return new RegistrationPages(context, policy(context), clock, appInitiated(context));
    }

    private CodeStep step(RequiredActionContext context) {
        return new CodeStep(context.getSession(), context.getAuthenticationSession(), context.getUser(),
                credentialUpdate(context), SendLimiter.Purpose.REGISTRATION, policy(context).codes(), clock);
    }

    /** This action's errors are failed credential updates of type phone. */
    private static EventBuilder credentialUpdate(RequiredActionContext context) {
        return context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE);
    }

    private static PhoneRegistrationPolicy policy(RequiredActionContext context) {
        return PhoneRegistrationPolicy.from(context.getConfig() == null ? null : context.getConfig().getConfig());
    }

    @Override
    public void close() {
    }
}
