package org.pimaccess.keycloak.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.authenticator.PhoneOtpAuthenticatorFactory;
import org.pimaccess.keycloak.code.CodeChallenge;
import org.pimaccess.keycloak.code.CodeDelivery;
import org.pimaccess.keycloak.code.WrongCodes;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneCredentialProvider;
import org.pimaccess.keycloak.phone.PhoneNumberIndex;
import org.pimaccess.keycloak.phone.PhoneNumbers;

/**
 * Registers a phone: number, label and preferred method; a code sent to it; the code typed back
 * proves possession and stores the credential. The same code engine, limits and brute-force
 * counting as sign-in apply. As a default action it only runs for users without a phone; asked for
 * with {@code kc_action=phone-register} it adds another, after Keycloak's step-up to a fresh
 * phone-OTP level (it is a {@link CredentialRegistrator} for type {@code phone}).
 */
public class PhoneRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    static final String FIELD_NUMBER = "phoneNumber";
    static final String FIELD_COUNTRY = "country";
    static final String FIELD_LABEL = "label";
    static final String FIELD_METHOD = "deliveryMethod";
    static final String FIELD_CODE = "code";
    static final int MAX_LABEL = 64;

    /** The registration in progress, kept in the authentication session. */
    static final String NOTE_NUMBER = "pim.phone-register.number";
    static final String NOTE_LABEL = "pim.phone-register.label";
    /** The code engine needs a phone id; a phone being registered has none yet. */
    static final String NEW_PHONE = "new";

    private final Clock clock;

    PhoneRegisterAction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
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
        RegistrationPages pages = pages(context);
        CodeChallenge challenge = challenge(context);
        context.challenge(challenge.pending().isPresent() && pendingNumber(context) != null
                ? pages.code(challenge, pendingNumber(context)) : pages.form());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        RegistrationPages pages = pages(context);
        if (lockedOut(context)) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                    .error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(pages.formWithError("pimPhoneOtpCodeInvalid"));
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
            context.getAuthenticationSession().removeAuthNote(NOTE_NUMBER);
            context.challenge(pages.form());
        } else if (form.containsKey("cancel-aia") && appInitiated(context)) {
            context.cancel();
        } else {
            verify(context, pages, challenge, form);
        }
    }

    private void send(RequiredActionContext context, RegistrationPages pages, CodeChallenge challenge,
                      MultivaluedMap<String, String> form) {
        PhoneRegistrationPolicy policy = policy(context);
        Optional<DeliveryMethod> method = DeliveryMethod.fromFormValue(form.getFirst(FIELD_METHOD));
        if (method.isEmpty()) {
            context.challenge(pages.formWithFieldError(FIELD_METHOD, "pimPhoneOtpChooseMethodError"));
            return;
        }
        PhoneNumberInput.Result number = PhoneNumberInput.parse(form.getFirst(FIELD_NUMBER), form.getFirst(FIELD_COUNTRY),
                method.get());
        if (!number.valid()) {
            invalid(context, pages, number.errorKey());
            return;
        }
        if (!policy.codes().allowsCountry(number.region())) {
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
        if (label != null && label.length() > MAX_LABEL) {
            context.challenge(pages.formWithFieldError(FIELD_LABEL, "pimPhoneRegisterLabelTooLong", MAX_LABEL));
            return;
        }
        CodeDelivery.Result result = delivery(context, policy).deliver(NEW_PHONE, number.e164(), method.get(), challenge);
        if (!result.sent()) {
            context.challenge(pages.formWithError(result.messageKey(), result.messageParameters()));
            return;
        }
        context.getAuthenticationSession().setAuthNote(NOTE_NUMBER, number.e164());
        context.getAuthenticationSession().setAuthNote(NOTE_LABEL, label == null ? "" : label.strip());
        context.challenge(pages.code(challenge, number.e164()));
    }

    private void resend(RequiredActionContext context, RegistrationPages pages, CodeChallenge challenge) {
        String number = pendingNumber(context);
        Optional<CodeChallenge.Pending> pending = challenge.pending();
        if (number == null || pending.isEmpty()) {
            context.challenge(pages.form());
            return;
        }
        CodeDelivery.Result result = delivery(context, policy(context)).deliver(NEW_PHONE, number, pending.get().method(), challenge);
        context.challenge(result.sent() ? pages.codeWithInfo(challenge, number, "pimPhoneOtpNewCodeSent")
                : pages.codeWithError(challenge, number, result.messageKey(), result.messageParameters()));
    }

    private void verify(RequiredActionContext context, RegistrationPages pages, CodeChallenge challenge,
                        MultivaluedMap<String, String> form) {
        PhoneRegistrationPolicy policy = policy(context);
        String number = pendingNumber(context);
        Optional<CodeChallenge.Pending> pending = challenge.pending();
        if (number == null || pending.isEmpty()) {
            context.challenge(pages.formWithError("pimPhoneOtpNoCode"));
            return;
        }
        String code = form.getFirst(FIELD_CODE);
        if (code == null || code.isBlank()) {
            context.challenge(pages.codeWithFieldError(challenge, number, "pimPhoneOtpCodeMissing"));
            return;
        }
        Optional<String> wellFormed = CodeChallenge.wellFormed(code, policy.codes());
        if (wellFormed.isEmpty()) {
            context.challenge(pages.codeWithFieldError(challenge, number, "pimPhoneOtpCodeFormat", policy.codes().codeLength()));
            return;
        }
        DeliveryMethod method = pending.get().method();
        CodeChallenge.Verdict verdict = challenge.verify(wellFormed.get(), policy.codes());
        switch (verdict) {
            case VALID -> {
                delivery(context, policy).codeUsed();
                register(context, number, method);
            }
            case WRONG, EXHAUSTED -> {
                WrongCodes.report(context.getSession(), context.getRealm(), context.getUser());
                context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                        .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE).error(Errors.INVALID_USER_CREDENTIALS);
                context.challenge(verdict == CodeChallenge.Verdict.WRONG
                        ? pages.codeWithFieldError(challenge, number, "pimPhoneOtpCodeInvalid")
                        : pages.codeWithError(challenge, number, "pimPhoneOtpCodeExhausted"));
            }
            case EXPIRED, NONE -> context.challenge(pages.codeWithFieldError(challenge, number, "pimPhoneOtpCodeExpired"));
        }
    }

    private void register(RequiredActionContext context, String number, DeliveryMethod method) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String label = authSession.getAuthNote(NOTE_LABEL);
        PhoneCredentialModel phone = PhoneCredentialModel.create(number, label, EnumSet.allOf(DeliveryMethod.class),
                method, Instant.now(clock));
        PhoneCredentialProvider provider = new PhoneCredentialProvider(context.getSession());
        String credentialId = provider.createCredential(context.getRealm(), context.getUser(), phone).getId();
        authSession.removeAuthNote(NOTE_NUMBER);
        authSession.removeAuthNote(NOTE_LABEL);
        context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, credentialId)
                .detail(CodeDelivery.DETAIL_PHONE, PhoneNumbers.mask(number))
                .detail(CodeDelivery.DETAIL_METHOD, method.formValue());
        PhoneNotice.phoneAdded(context.getSession(), context.getRealm(), context.getUser(), PhoneNumbers.mask(number));
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
        Integer level = AcrUtils.getAcrLoaMap(authSession.getClient()).get(PhoneOtpAuthenticatorFactory.ACR);
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        if (level != null && acr.getLevelOfAuthenticationFromCurrentAuthentication() < level) {
            acr.setLevelAuthenticated(level);
            // As Keycloak's level-of-authentication condition does, so that single sign-on remembers it.
            authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        }
    }

    private void invalid(RequiredActionContext context, RegistrationPages pages, String key, Object... parameters) {
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE).error(Errors.INVALID_INPUT);
        context.challenge(pages.formWithFieldError(FIELD_NUMBER, key, parameters));
    }

    private static boolean lockedOut(RequiredActionContext context) {
        if (!context.getRealm().isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        return protector.isTemporarilyDisabled(context.getSession(), context.getRealm(), context.getUser())
                || protector.isPermanentlyLockedOut(context.getSession(), context.getRealm(), context.getUser());
    }

    private static boolean appInitiated(RequiredActionContext context) {
        return PhoneCredentialProvider.REGISTER_ACTION.equals(
                context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    private static String pendingNumber(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(NOTE_NUMBER);
    }

    private RegistrationPages pages(RequiredActionContext context) {
        return new RegistrationPages(context, policy(context), clock, appInitiated(context));
    }

    private CodeDelivery delivery(RequiredActionContext context, PhoneRegistrationPolicy policy) {
        return new CodeDelivery(context.getSession(), context.getRealm(), context.getUser(),
                context.getConnection().getRemoteAddr(), context.getEvent(), policy.codes(), clock);
    }

    private CodeChallenge challenge(RequiredActionContext context) {
        return new CodeChallenge(CodeChallenge.notesOf(context.getAuthenticationSession()), clock);
    }

    private static PhoneRegistrationPolicy policy(RequiredActionContext context) {
        return PhoneRegistrationPolicy.from(context.getConfig() == null ? null : context.getConfig().getConfig());
    }

    @Override
    public void close() {
    }
}
