package org.pimaccess.keycloak.passkey;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.phone.PhoneOtp;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * Keycloak's passkey registration, only at the phone-OTP level of this sign-in, reached with a typed code (a session
 * a trusted browser signed in must sign in again: {@link TrustedBrowsers#maxAuthAge}). Keycloak's step-up asks an
 * application-initiated registration for the highest level the person has a credential of: for a person without
 * a phone and without a phone registration pending (a realm where phone-register is no default action, an account
 * made through the admin API) that is the password alone, so whoever holds the password could add a passkey, and the
 * passkey would then sign them in above phone OTP. (After a phone reset the reset gate answers first.) Below the
 * phone-OTP level
 * the registration fails ({@value #NEEDS_PHONE_OTP}; the event is Keycloak's {@code CUSTOM_REQUIRED_ACTION_ERROR}),
 * the application hears {@code access_denied}, and the person registers a phone first. Everything else is
 * Keycloak's own registration, which this wraps.
 */
final class PasskeyRegistration implements RequiredActionProvider, CredentialRegistrator {

    static final String NEEDS_PHONE_OTP = "a passkey is added only at the phone-otp level of this sign-in";

    private final RequiredActionProvider keycloaks;

    PasskeyRegistration(RequiredActionProvider keycloaks) {
        this.keycloaks = keycloaks;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (atPhoneOtpLevel(context)) {
            keycloaks.requiredActionChallenge(context);
        } else {
            context.failure(NEEDS_PHONE_OTP);
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (atPhoneOtpLevel(context)) {
            keycloaks.processAction(context);
        } else {
            context.failure(NEEDS_PHONE_OTP);
        }
    }

    /** The phone-OTP level reached with a code: a trusted browser's does not add a passkey. */
    private static boolean atPhoneOtpLevel(RequiredActionContext context) {
        Integer needed = PhoneOtp.levelOf(PhoneOtp.ACR, AcrUtils.getAcrLoaMap(context.getAuthenticationSession().getClient()));
        int reached = new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getLevelOfAuthenticationFromCurrentAuthentication();
        return (needed == null || reached >= needed)
                && !TrustedBrowsers.signedInByTrust(context.getSession(), context.getAuthenticationSession());
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        keycloaks.evaluateTriggers(context);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return keycloaks.initiatedActionSupport();
    }

    @Override
    public void initiatedActionCanceled(KeycloakSession session, AuthenticationSessionModel authSession) {
        keycloaks.initiatedActionCanceled(session, authSession);
    }

    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return TrustedBrowsers.maxAuthAge(session, keycloaks.getMaxAuthAge(session));
    }

    /** Keycloak's step-up reads the credential type of an application-initiated registration from here. */
    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return ((CredentialRegistrator) keycloaks).getCredentialType(session, authenticationSession);
    }

    @Override
    public void close() {
        keycloaks.close();
    }
}
