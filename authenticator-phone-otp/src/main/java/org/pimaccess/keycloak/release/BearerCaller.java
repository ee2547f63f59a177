package org.pimaccess.keycloak.release;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The user, token and client of the request's valid bearer access token, as Keycloak's
 * {@code BearerTokenAuthenticator} finds them. Keycloak 26.5 turned {@code AuthResult} into a record
 * ({@code user()}), where 26.4 has getters ({@code getUser()}); the accessors are found once, by name.
 */
public record BearerCaller(UserModel user, AccessToken token, ClientModel client) {

    private static final MethodHandle USER = accessor("user", UserModel.class);
    private static final MethodHandle TOKEN = accessor("token", AccessToken.class);
    private static final MethodHandle CLIENT = accessor("client", ClientModel.class);

    /**
     * @param audience the audience the token must hold, or null for any
     * @return empty for no token, a bad or malformed one, or one of a disabled user
     */
    public static Optional<BearerCaller> of(KeycloakSession session, String audience) {
        AppAuthManager.BearerTokenAuthenticator authenticator = new AppAuthManager.BearerTokenAuthenticator(session);
        if (audience != null) {
            authenticator.setAudience(audience);
        }
        AuthResult result;
        try {
            result = authenticator.authenticate();
        } catch (RuntimeException malformedHeader) {
            return Optional.empty();
        }
        if (result == null) {
            return Optional.empty();
        }
        UserModel user = (UserModel) read(USER, result);
        if (user == null || !user.isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new BearerCaller(user, (AccessToken) read(TOKEN, result), (ClientModel) read(CLIENT, result)));
    }

    private static Object read(MethodHandle accessor, AuthResult result) {
        try {
            return accessor.invoke(result);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle accessor(String name, Class<?> type) {
        String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : new String[] {name, getter}) {
            try {
                return MethodHandles.publicLookup().findVirtual(AuthResult.class, candidate, MethodType.methodType(type));
            } catch (NoSuchMethodException e) {
                // 26.4's getter is tried next.
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("AuthenticationManager.AuthResult has neither " + name + "() nor " + getter + "()");
    }
}
