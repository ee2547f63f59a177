package org.pimaccess.keycloak.it.harness;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.pimaccess.keycloak.it.pages.Page;

/**
 * A passkey without a browser, for sign-ins over HTTP (tests and the benchmark): a P-256 key (ES256) whose public
 * half is stored as a passwordless WebAuthn credential through the admin API, and which answers the sign-in page's
 * challenge the way a platform authenticator with user verification does. The page's hidden form {@code webauth}
 * takes the answer as Keycloak's own script would post it.
 */
public final class SoftwarePasskey {

    /** The page script's challenge: double-quoted by Keycloak 26.7's {@code passkeys.ftl}, single-quoted by 26.4's. */
    private static final Pattern CHALLENGE = Pattern.compile("challenge\\s*:\\s*[\"']([A-Za-z0-9_-]+)[\"']");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** User present and user verified. */
    private static final byte FLAGS = 0x05;

    private final KeyPair keys;
    private final byte[] credentialId;

    private SoftwarePasskey(KeyPair keys, byte[] credentialId) {
        this.keys = keys;
        this.credentialId = credentialId;
    }

    public static SoftwarePasskey create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new SoftwarePasskey(generator.generateKeyPair(), UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential to store for the user: Keycloak's {@code webauthn-passwordless} with this key. */
    public CredentialRepresentation credential(String label) {
        CredentialRepresentation passkey = new CredentialRepresentation();
        passkey.setType("webauthn-passwordless");
        passkey.setUserLabel(label);
        passkey.setCredentialData("{\"aaguid\":\"00000000-0000-0000-0000-000000000000\",\"credentialId\":\""
                + Base64.getEncoder().encodeToString(credentialId) + "\",\"counter\":0,\"credentialPublicKey\":\""
                + URL.encodeToString(coseKey()) + "\",\"attestationStatementFormat\":\"none\",\"transports\":[\"internal\"]}");
        passkey.setSecretData("{}");
        return passkey;
    }

    /**
     * The fields of the sign-in page's {@code webauth} form, answering its challenge for this user.
     *
     * @param server the address Keycloak is reached at: its origin and host (the relying party id) are signed
     */
    public Map<String, String> answer(Page signInPage, URI server, String userId) {
        Matcher challenge = CHALLENGE.matcher(signInPage.body());
        if (!challenge.find()) {
            throw new IllegalStateException("No passkey challenge on " + signInPage.uri());
        }
        String origin = server.getScheme() + "://" + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort());
        byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge.group(1) + "\",\"origin\":\""
                + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        byte[] authenticatorData = ByteBuffer.allocate(37).put(sha256(server.getHost().getBytes(StandardCharsets.UTF_8)))
                .put(FLAGS).putInt(0).array();
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authenticatorData);
            signer.update(sha256(clientData));
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("clientDataJSON", URL.encodeToString(clientData));
            fields.put("authenticatorData", URL.encodeToString(authenticatorData));
            fields.put("signature", URL.encodeToString(signer.sign()));
            fields.put("credentialId", URL.encodeToString(credentialId));
            fields.put("userHandle", URL.encodeToString(userId.getBytes(StandardCharsets.UTF_8)));
            fields.put("error", "");
            return fields;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a COSE_Key (RFC 9053: EC2, ES256, P-256), CBOR-encoded. */
    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.writeBytes(new byte[] {(byte) 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20});
        cbor.writeBytes(unsigned32(key.getW().getAffineX()));
        cbor.writeBytes(new byte[] {0x22, 0x58, 0x20});
        cbor.writeBytes(unsigned32(key.getW().getAffineY()));
        return cbor.toByteArray();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SoftwarePasskey" + Arrays.toString(Arrays.copyOf(credentialId, 4));
    }
}
