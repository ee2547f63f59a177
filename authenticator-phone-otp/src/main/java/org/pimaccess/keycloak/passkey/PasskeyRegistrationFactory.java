package org.pimaccess.keycloak.passkey;

import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Required action {@value WebAuthnPasswordlessRegisterFactory#PROVIDER_ID}: Keycloak's own passkey registration with
 * one rule more ({@link PasskeyRegistration}). It replaces Keycloak's factory of the same id, as Keycloak lets a
 * deployed provider replace a built-in one, so every way to a new passkey (home, the account console, the offer at
 * sign-in, a required action a realm admin sets) passes it.
 */
public class PasskeyRegistrationFactory extends WebAuthnPasswordlessRegisterFactory {

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new PasskeyRegistration(super.create(session));
    }
}
