package org.pimaccess.keycloak.passkey;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A flow step that raised a sign-in to the passkey level on the person's behalf, rather than the application asking
 * for it (for example an organization whose members all need a passkey). When a person without a passkey declines
 * to add one, {@link PasskeyStep} lets that step answer, since it knows who asked and whom the person can turn to;
 * without one the application hears {@code access_denied}.
 */
public interface PasskeyDemand {

    /** Authentication-session note: the provider id of the step that raised the level. */
    String NOTE = "pim.passkey-demanded-by";

    /** Records that the step {@code providerId}, an {@link Authenticator} that implements this, raised the level. */
    static void record(AuthenticationSessionModel authSession, String providerId) {
        authSession.setAuthNote(NOTE, providerId);
    }

    /** The page that ends a sign-in whose person declined the passkey; the flow goes no further. */
    Response declined(AuthenticationFlowContext context);

    /** The step that raised this sign-in's level, if one did and is deployed. */
    static PasskeyDemand of(AuthenticationFlowContext context) {
        String providerId = context.getAuthenticationSession().getAuthNote(NOTE);
        AuthenticatorFactory factory = providerId == null ? null : (AuthenticatorFactory) context.getSession()
                .getKeycloakSessionFactory().getProviderFactory(Authenticator.class, providerId);
        return factory != null && factory.create(context.getSession()) instanceof PasskeyDemand demand ? demand : null;
    }
}
