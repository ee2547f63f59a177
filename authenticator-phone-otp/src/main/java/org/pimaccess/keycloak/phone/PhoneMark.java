package org.pimaccess.keycloak.phone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * What the pack remembers about a person's phones beyond the phones themselves, in a place the person
 * cannot write: a credential of type {@value #TYPE}, one per user. No credential provider serves this
 * type, so the account console neither lists nor deletes it (Keycloak answers 404), and no user-profile
 * setting reaches it, unmanaged attributes {@code ENABLED} included. A realm admin sees it under Users,
 * Credentials, and may delete it.
 *
 * @param hadPhone    the person has had a phone: without one now, only the reset link leads to the next
 * @param resetAt     epoch seconds of the pending reset (links issued before it do not count); null if none
 * @param resetEmail  the address the reset link went to, and where every resend goes; null if none yet
 * @param lastResetAt epoch seconds of the last reset by anyone, for the org admins' cooldown
 */
public record PhoneMark(boolean hadPhone, Long resetAt, String resetEmail, Long lastResetAt) {

    public static final String TYPE = "pim-phone-mark";
    static final PhoneMark NONE = new PhoneMark(false, null, null, null);

    /** The person's mark; {@link #NONE} when they never had a phone through this pack. */
    public static PhoneMark of(UserModel user) {
        return stored(user).map(PhoneMark::read).orElse(NONE);
    }

    /**
     * A phone of this person went: they have had one, even if it was stored before the pack kept this mark
     * (an upgrade), so without a phone now only the link leads to the next.
     */
    static void phoneRemoved(UserModel user) {
        PhoneMark mark = of(user);
        if (!mark.hadPhone()) {
            new PhoneMark(true, null, null, mark.lastResetAt()).saveFor(user);
        }
    }

    PhoneMark withPhone() {
        return new PhoneMark(true, null, null, lastResetAt);
    }

    PhoneMark withReset(long at, String email) {
        return new PhoneMark(true, at, email, at);
    }

    PhoneMark withLinkTo(long at, String email) {
        return new PhoneMark(true, resetAt == null ? at : resetAt, email, lastResetAt);
    }

    void saveFor(UserModel user) {
        String data;
        try {
            data = JsonSerialization.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<CredentialModel> stored = stored(user);
        if (stored.isPresent()) {
            stored.get().setCredentialData(data);
            user.credentialManager().updateStoredCredential(stored.get());
            return;
        }
        CredentialModel mark = new CredentialModel();
        mark.setType(TYPE);
        mark.setUserLabel("PIM phone history");
        mark.setCreatedDate(System.currentTimeMillis());
        mark.setSecretData("{}");
        mark.setCredentialData(data);
        user.credentialManager().createStoredCredential(mark);
    }

    private static Optional<CredentialModel> stored(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findFirst();
    }

    private static PhoneMark read(CredentialModel stored) {
        try {
            return JsonSerialization.readValue(stored.getCredentialData(), PhoneMark.class);
        } catch (IOException | RuntimeException e) {
            // Unreadable is still a mark: the person had a phone, and only a link opens registration.
            return new PhoneMark(true, 0L, null, null);
        }
    }
}
