package org.pimaccess.keycloak.authenticator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.code.ProxyTrust;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.release.KeycloakRelease;
import org.pimaccess.keycloak.trust.TrustedBrowserDays;

/** Authenticator {@value #PROVIDER_ID}: the Phone OTP Authentication step of sign-in. */
public class PhoneOtpAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "phone-otp-authenticator";

    private static final PhoneOtpAuthenticator SINGLETON = new PhoneOtpAuthenticator(Clock.systemUTC());

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Phone OTP";
    }

    /**
     * The credential type this step proves. Keycloak's account console lists the credential types of
     * the realm's authenticators by this category; wrong codes reach the brute-force protector
     * through {@link org.pimaccess.keycloak.code.WrongCodes}.
     */
    @Override
    public String getReferenceCategory() {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "The user picks one of their registered phones and SMS or a voice call, receives a one-time code and "
                + "types it in. Users without a phone are sent to the phone-register required action.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(PhoneOtpPolicy.configProperties());
        properties.add(TrustedBrowserDays.configProperty());
        return properties;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakRelease.atStart(factory);
        ProxyTrust.readAtStart();
    }

    @Override
    public void close() {
    }
}
