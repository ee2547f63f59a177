package org.pimaccess.keycloak.phone;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Keyed hashes of phone numbers and client addresses, for the phone index and the keys of caps and
 * budgets. A plain SHA-256 of a phone number is no secret: the number space is small enough to try
 * every number in seconds. So the hash is an HMAC-SHA256 with a per-realm secret that realm exports
 * and user attributes do not carry:
 * <ul>
 *   <li>the vault secret {@value #VAULT_SECRET}, where the server has a vault and it holds one (this
 *   survives any export, {@code kc.sh export} included);</li>
 *   <li>otherwise the realm's active HMAC key ({@code HS512}, which Keycloak generates for every realm;
 *   the admin console's partial export leaves its secret out).</li>
 * </ul>
 * After a key rotation, {@link #all} also gives the hashes under the realm's older HMAC keys, so
 * lookups still find what was stored under them.
 *
 * <p>The vault is asked once per realm on each node, at the realm's first hash after the node started, and
 * what it answered (the secret, or that it has none) holds until that node restarts. So a new or changed
 * {@value #VAULT_SECRET} takes effect at a restart, on every node at once (a restart of the whole cluster):
 * nodes hashing under different keys would count the same number under different cap keys. Every Send
 * hashes twice (the number and the client address), and Keycloak's file vault logs a WARN for each entry
 * it does not have; asked once, it logs that once per realm and node.
 */
public final class PhoneKeys {

    public static final String VAULT_SECRET = "pim-phone-hash-key";
    private static final String HMAC = "HmacSHA256";
    /** What the vault answered for each realm (by id) on this node: see the class comment. */
    private static final Map<String, Optional<SecretKey>> VAULT_KEYS = new ConcurrentHashMap<>();

    private PhoneKeys() {
    }

    /** The keyed hash of a value of this realm, in hex. */
    public static String of(KeycloakSession session, RealmModel realm, String value) {
        return hmac(current(session, realm), realm, value);
    }

    /** The hashes of a value under every key the realm has, current first: for lookups across rotations. */
    public static List<String> all(KeycloakSession session, RealmModel realm, String value) {
        Optional<SecretKey> vault = vaultKey(session, realm);
        if (vault.isPresent()) {
            return List.of(hmac(vault.get(), realm, value));
        }
        return Stream.concat(Stream.of(current(session, realm)),
                        session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512).map(KeyWrapper::getSecretKey))
                .map(key -> hmac(key, realm, value))
                .distinct()
                .toList();
    }

    private static SecretKey current(KeycloakSession session, RealmModel realm) {
        return vaultKey(session, realm).orElseGet(() -> {
            KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
            if (key == null || key.getSecretKey() == null) {
                throw new IllegalStateException("Realm " + realm.getName() + " has no active HS512 key and the vault has no "
                        + VAULT_SECRET + "; add an hmac-generated key provider with algorithm HS512");
            }
            return key.getSecretKey();
        });
    }

    /** Keycloak's vault answers for the realm of the request, so only that realm's answer is kept. */
    private static Optional<SecretKey> vaultKey(KeycloakSession session, RealmModel realm) {
        RealmModel requestRealm = session.getContext().getRealm();
        if (requestRealm == null || !requestRealm.getId().equals(realm.getId())) {
            return readVaultKey(session);
        }
        return VAULT_KEYS.computeIfAbsent(realm.getId(), id -> readVaultKey(session));
    }

    private static Optional<SecretKey> readVaultKey(KeycloakSession session) {
        try (VaultStringSecret secret = session.vault().getStringSecret("${vault." + VAULT_SECRET + "}")) {
            return secret.get().filter(value -> !value.isBlank())
                    .map(value -> new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), HMAC));
        }
    }

    private static String hmac(SecretKey key, RealmModel realm, String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getEncoded(), HMAC));
            return HexFormat.of().formatHex(mac.doFinal((realm.getId() + ":" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
