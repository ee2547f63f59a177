package org.pimaccess.keycloak.sender;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * Just enough of a {@link KeycloakSession} for sender code: its sender factories and providers, and a
 * vault that knows a few entries. Anything else it is asked throws, so a test sees what it relied on.
 */
public final class FakeSessions {

    private FakeSessions() {
    }

    /** A session whose vault resolves {@code ${vault.key}} from {@code vault}; other values are themselves. */
    public static KeycloakSession withVault(Map<String, String> vault) {
        return session(Map.of(), vault);
    }

    public static KeycloakSession session(Map<String, PhoneMessageSenderFactory> factories, Map<String, String> vault) {
        KeycloakSessionFactory sessionFactory = proxy(KeycloakSessionFactory.class, (method, args) -> {
            if (method.equals("getProviderFactory") && args.length == 2) {
                return factories.get((String) args[1]);
            }
            return unsupported(method);
        });
        VaultTranscriber transcriber = proxy(VaultTranscriber.class, (method, args) -> {
            if (method.equals("getStringSecret")) {
                String value = (String) args[0];
                Optional<String> secret = value.startsWith("${vault.") && value.endsWith("}")
                        ? Optional.ofNullable(vault.get(value.substring(8, value.length() - 1)))
                        : Optional.of(value);
                return new VaultStringSecret() {
                    @Override
                    public Optional<String> get() {
                        return secret;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            return unsupported(method);
        });
        KeycloakSession[] session = new KeycloakSession[1];
        session[0] = proxy(KeycloakSession.class, (method, args) -> switch (method) {
            case "vault" -> transcriber;
            case "getKeycloakSessionFactory" -> sessionFactory;
            case "getProvider" -> args.length == 2 ? factories.get((String) args[1]).create(session[0]) : unsupported(method);
            default -> unsupported(method);
        });
        return session[0];
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(FakeSessions.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args));
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method + " is not part of this fake session");
    }
}
