package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.util.Optional;

import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * The code step that sign-in and phone registration share: the lockout check, the choice of method,
 * sending and resending, and checking a typed code. Each returns what happened and records the same
 * event error for the same case, whichever flow calls it; the caller only decides what its own
 * context does with the outcome (Keycloak's authenticator and required-action contexts have no common
 * interface) and which event type its errors carry.
 */
public final class CodeStep {

    /** What a typed code turned out to be. */
    public enum Outcome {
        /** No code was sent in this sign-in, or it was given up with Back. */
        NO_CODE,
        /** Submit with an empty code field. */
        MISSING,
        /** Not the policy's number of digits: refused before any comparison. */
        MALFORMED,
        VALID,
        /** Wrong; the code still lives. */
        WRONG,
        /** Wrong, and the code died of too many wrong tries. */
        EXHAUSTED,
        EXPIRED;

        /** A guess that counts toward the realm's brute-force lockout. */
        public boolean wrongGuess() {
            return this == WRONG || this == EXHAUSTED;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final EventBuilder event;
    private final PhoneOtpPolicy policy;
    private final CodeChallenge challenge;
    private final CodeDelivery delivery;
    private final boolean signIn;
    private final String flow;

    /**
     * @param event   the caller's event builder; errors are recorded on clones of it, so it should
     *                already carry the caller's event type and details
     * @param purpose a code to a proven phone (sign-in) or to a number being registered: the latter may
     *                use only a share of the budgets
     */
    public CodeStep(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user, EventBuilder event,
                    SendLimiter.Purpose purpose, PhoneOtpPolicy policy, Clock clock) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.user = user;
        this.event = event;
        this.policy = policy;
        this.challenge = new CodeChallenge(CodeChallenge.notesOf(authSession), clock);
        this.delivery = new CodeDelivery(session, realm, user, purpose, event, policy, clock);
        this.signIn = purpose == SendLimiter.Purpose.SIGN_IN;
        this.flow = signIn ? "sign_in" : "registration";
    }

    public CodeChallenge challenge() {
        return challenge;
    }

    /**
     * The realm's brute-force lockout, checked before anything else, as Keycloak's own OTP form does.
     * A locked-out user is recorded with Keycloak's error for the lockout's kind.
     */
    public boolean lockedOut() {
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(
                session.getProvider(BruteForceProtector.class), session, realm, user);
        if (error == null) {
            return false;
        }
        error(error);
        PhoneMetrics.codeChecked(flow, "locked_out");
        return true;
    }

    /** The delivery method a form chose; empty, and recorded as bad input, when none or an unknown one. */
    public Optional<DeliveryMethod> method(String formValue) {
        Optional<DeliveryMethod> method = DeliveryMethod.fromFormValue(formValue);
        if (method.isEmpty()) {
            error(Errors.INVALID_INPUT);
        }
        return method;
    }

    /** Sends a new code for this phone; see {@link CodeDelivery#deliver}. */
    public CodeDelivery.Result send(String phoneId, String phoneNumber, DeliveryMethod method) {
        return delivery.deliver(phoneId, phoneNumber, method, challenge);
    }

    /** Sends a new code to the phone and over the method of the pending one. */
    public CodeDelivery.Result resend(String phoneNumber) {
        CodeChallenge.Pending pending = challenge.pending().orElseThrow();
        return delivery.deliver(pending.phoneId(), phoneNumber, pending.method(), challenge);
    }

    /**
     * Checks a typed code against the pending one. A right code is used up and ends the resend
     * cooldown; a wrong one counts toward the realm's lockout.
     */
    public Outcome check(String typed) {
        Outcome outcome = verify(typed);
        if (outcome != Outcome.NO_CODE) {
            PhoneMetrics.codeChecked(flow, outcome == Outcome.MISSING ? Outcome.MALFORMED.name() : outcome.name());
        }
        return outcome;
    }

    private Outcome verify(String typed) {
        if (challenge.pending().isEmpty()) {
            return Outcome.NO_CODE;
        }
        if (typed == null || typed.isBlank()) {
            return Outcome.MISSING;
        }
        Optional<String> code = CodeChallenge.wellFormed(typed, policy);
        if (code.isEmpty()) {
            error(Errors.INVALID_INPUT);
            return Outcome.MALFORMED;
        }
        return switch (challenge.verify(code.get(), policy)) {
            case VALID -> {
                delivery.codeUsed();
                yield Outcome.VALID;
            }
            case WRONG -> wrong(Outcome.WRONG);
            case EXHAUSTED -> wrong(Outcome.EXHAUSTED);
            case EXPIRED, NONE -> {
                error(Errors.EXPIRED_CODE);
                yield Outcome.EXPIRED;
            }
        };
    }

    private Outcome wrong(Outcome outcome) {
        WrongCodes.report(session, realm, user, signIn);
        error(Errors.INVALID_USER_CREDENTIALS);
        return outcome;
    }

    private void error(String error) {
        event.clone().user(user).error(error);
    }
}
