package org.pimaccess.keycloak.code;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;

import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Reports a wrong phone code to the realm's brute-force protector, so that neither sign-in nor phone
 * registration is an unlimited guessing channel. Keycloak's protector changed twice within the supported
 * range, and one JAR serves all of it:
 * <ul>
 *   <li>26.4 and 26.5: {@code failedLogin(realm, user, connection, uriInfo)} counts every failure, and
 *       Keycloak's authentication flow itself reports each {@code failureChallenge}, a wrong sign-in code
 *       included. Only the registration's wrong codes, which no flow reports, are reported here.</li>
 *   <li>26.6 ({@code String} category) and 26.7 ({@code Set} of categories): only failures of the categories
 *       password, otp and recovery-authn-codes count, in the flow and here. The authenticator's category is
 *       {@code phone} (so the account console lists phones), so Keycloak's flow ignores its failures, and every
 *       wrong code is reported here as {@code otp}: a phone code is a one-time password.</li>
 * </ul>
 */
public final class WrongCodes {

    /** This build's {@code failedLogin}: with a {@code Set} (26.7), a {@code String} (26.6), or no category. */
    private static final MethodHandle FAILED_LOGIN = failedLogin();

    private WrongCodes() {
    }

    /**
     * @param signIn whether the code was typed in Keycloak's authentication flow, which answers it with a
     *               {@code failureChallenge}, rather than in the phone registration
     */
    public static void report(KeycloakSession session, RealmModel realm, UserModel user, boolean signIn) {
        MethodType signature = FAILED_LOGIN.type();
        boolean categories = signature.parameterCount() == 6;
        if (!realm.isBruteForceProtected() || (signIn && !categories)) {
            return;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        ClientConnection connection = session.getContext().getConnection();
        UriInfo uri = session.getContext().getHttpRequest().getUri();
        try {
            if (!categories) {
                FAILED_LOGIN.invoke(protector, realm, user, connection, uri);
            } else if (signature.parameterType(5) == Set.class) {
                FAILED_LOGIN.invoke(protector, realm, user, connection, uri, Set.of(OTPCredentialModel.TYPE));
            } else {
                FAILED_LOGIN.invoke(protector, realm, user, connection, uri, OTPCredentialModel.TYPE);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle failedLogin() {
        Class<?>[] base = {RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class};
        for (Class<?> category : new Class<?>[] {Set.class, String.class, null}) {
            MethodType type = category == null ? MethodType.methodType(void.class, base)
                    : MethodType.methodType(void.class, base).appendParameterTypes(category);
            try {
                return MethodHandles.publicLookup().findVirtual(BruteForceProtector.class, "failedLogin", type);
            } catch (NoSuchMethodException e) {
                // Not this build's signature: the next one.
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak's BruteForceProtector has no failedLogin this pack knows");
    }
}
