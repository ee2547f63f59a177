package org.pimaccess.keycloak.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

class PhoneKeysTest {

    private final AtomicInteger vaultReads = new AtomicInteger();

    @Test
    void theVaultIsAskedOncePerRealmAndItsKeyHoldsUntilRestart() {
        RealmModel realm = realm();
        Map<String, String> vault = new HashMap<>(Map.of(PhoneKeys.VAULT_SECRET, "vault-key"));
        KeycloakSession session = session(realm, vault);

        String first = PhoneKeys.of(session, realm, "+12015550123");
        vault.put(PhoneKeys.VAULT_SECRET, "another-key");
        String second = PhoneKeys.of(session, realm, "+12015550123");

        assertThat(second).isEqualTo(first);
        assertThat(PhoneKeys.all(session, realm, "+12015550123")).containsExactly(first);
        assertThat(vaultReads).hasValue(1);
    }

    @Test
    void aRealmWithoutAVaultEntryHashesWithItsHmacKeyAndAsksTheVaultOnce() {
        RealmModel realm = realm();
        KeycloakSession session = session(realm, Map.of());

        String number = PhoneKeys.of(session, realm, "+12015550123");
        PhoneKeys.of(session, realm, "198.51.100.7");

        assertThat(PhoneKeys.of(session, realm, "+12015550123")).isEqualTo(number).hasSize(64);
        assertThat(vaultReads).hasValue(1);
    }

    @Test
    void aRealmOtherThanTheRequestsIsNotRemembered() {
        RealmModel requested = realm();
        RealmModel other = realm();
        KeycloakSession session = session(requested, Map.of(PhoneKeys.VAULT_SECRET, "vault-key"));

        PhoneKeys.of(session, other, "+12015550123");
        PhoneKeys.of(session, other, "+12015550123");

        assertThat(vaultReads).hasValue(2);
    }

    private static RealmModel realm() {
        return realm(UUID.randomUUID().toString());
    }

    private static RealmModel realm(String id) {
        return proxy(RealmModel.class, (method, args) -> switch (method) {
            case "getId" -> id;
            case "getName" -> "realm-" + id;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private KeycloakSession session(RealmModel realm, Map<String, String> vault) {
        KeyWrapper hmac = new KeyWrapper();
        hmac.setSecretKey(new SecretKeySpec("realm-hs512-key".getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        KeyManager keys = proxy(KeyManager.class, (method, args) -> switch (method) {
            case "getActiveKey" -> hmac;
            default -> throw new UnsupportedOperationException(method);
        });
        KeycloakContext context = proxy(KeycloakContext.class, (method, args) -> switch (method) {
            case "getRealm" -> realm;
            default -> throw new UnsupportedOperationException(method);
        });
        VaultTranscriber transcriber = proxy(VaultTranscriber.class, (method, args) -> {
            if (!method.equals("getStringSecret")) {
                throw new UnsupportedOperationException(method);
            }
            vaultReads.incrementAndGet();
            String name = (String) args[0];
            Optional<String> secret = Optional.ofNullable(vault.get(name.substring("${vault.".length(), name.length() - 1)));
            return new VaultStringSecret() {
                @Override
                public Optional<String> get() {
                    return secret;
                }

                @Override
                public void close() {
                }
            };
        });
        return proxy(KeycloakSession.class, (method, args) -> switch (method) {
            case "getContext" -> context;
            case "vault" -> transcriber;
            case "keys" -> keys;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(PhoneKeysTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args));
    }
}
