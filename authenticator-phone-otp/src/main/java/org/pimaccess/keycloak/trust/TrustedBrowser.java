package org.pimaccess.keycloak.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * One trusted browser of a person, stored as their credential of type {@value #TYPE}: the secret's SHA-256 (secret
 * data), and when it was trusted, when it expires (absolute, never slid), when it last stood in for a code, and
 * which browser on which system it is (credential data). The label is the admin console's name for it.
 */
public record TrustedBrowser(String id, String browser, String os, long createdAt, long expiresAt, long lastUsedAt) {

    public static final String TYPE = "pim-trusted-browser";

    /** What the credential data holds. */
    record Data(String browser, String os, long expiresAt, long lastUsedAt) {
    }

    /** What the secret data holds. */
    record Secret(String sha256) {
    }

    static Optional<TrustedBrowser> of(CredentialModel credential) {
        if (!TYPE.equals(credential.getType()) || credential.getCredentialData() == null || credential.getCreatedDate() == null) {
            return Optional.empty();
        }
        try {
            Data data = JsonSerialization.readValue(credential.getCredentialData(), Data.class);
            return Optional.of(new TrustedBrowser(credential.getId(), data.browser(), data.os(), credential.getCreatedDate(),
                    data.expiresAt(), data.lastUsedAt()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String secretHashOf(CredentialModel credential) {
        try {
            return credential.getSecretData() == null ? null
                    : JsonSerialization.readValue(credential.getSecretData(), Secret.class).sha256();
        } catch (IOException e) {
            return null;
        }
    }

    static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Chrome on Windows": the admin console's name of the credential, in English; pages and mails word it themselves. */
    public String label() {
        return browser + " on " + os;
    }

    boolean validAt(long now, long notBefore, int days) {
        return now < expiresAt && now < createdAt + days * 86_400_000L && createdAt >= notBefore;
    }
}
