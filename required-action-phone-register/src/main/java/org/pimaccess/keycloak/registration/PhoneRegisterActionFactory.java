package org.pimaccess.keycloak.registration;

import java.time.Clock;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.pimaccess.keycloak.phone.PhoneRegistrationPolicy;
import org.pimaccess.keycloak.phone.PhoneOtp;

/** Required action {@value #PROVIDER_ID}: register and verify a phone. */
public class PhoneRegisterActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = PhoneOtp.REGISTER_ACTION;

    private static final PhoneRegisterAction SINGLETON = new PhoneRegisterAction(Clock.systemUTC());

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Register a phone";
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PhoneRegistrationPolicy.configProperties();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
