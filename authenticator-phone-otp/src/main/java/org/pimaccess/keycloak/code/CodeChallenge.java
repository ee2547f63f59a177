package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * The code of one authentication session, kept as auth-session notes so that it lives in Keycloak's
 * cluster-wide authentication-session store and dies with the session. Only a salted hash is kept.
 * The failure count belongs to the session, not to a code: a new code never resets it.
 */
public final class CodeChallenge {

    /** Where the notes live; in Keycloak, the authentication session. */
    public interface Notes {
        String get(String name);

        void set(String name, String value);

        void remove(String name);
    }

    public enum Verdict { VALID, WRONG, EXPIRED, EXHAUSTED, NONE }

    /** A code that was sent and not yet used. */
    public record Pending(String phoneId, DeliveryMethod method, Instant sentAt, Instant expiresAt) {
    }

    static final String PREFIX = "pim.phone-otp.";
    static final String PHONE_ID = PREFIX + "phone-id";
    static final String METHOD = PREFIX + "method";
    static final String HASH = PREFIX + "hash";
    static final String SALT = PREFIX + "salt";
    static final String SENT_AT = PREFIX + "sent-at";
    static final String EXPIRES_AT = PREFIX + "expires-at";
    static final String FAILURES = PREFIX + "failures";

    /** Room for the longest code with a separator between every digit; anything longer is junk. */
    private static final int MAX_TYPED = 2 * PhoneOtpPolicy.MAX_CODE_LENGTH;

    private final Notes notes;
    private final Clock clock;

    /** Notes in the authentication session: cluster-wide, and gone when the sign-in ends. */
    public static Notes notesOf(AuthenticationSessionModel session) {
        return new AuthSessionNotes(session);
    }

    public CodeChallenge(Notes notes, Clock clock) {
        this.notes = notes;
        this.clock = clock;
    }

    /**
     * A typed code as the engine compares it: spaces and dashes people type to group digits are
     * dropped. Empty unless it is exactly the policy's number of digits, so no work is spent on junk.
     */
    public static Optional<String> wellFormed(String typed, PhoneOtpPolicy policy) {
        if (typed == null || typed.length() > MAX_TYPED) {
            return Optional.empty();
        }
        String code = typed.replace(" ", "").replace("-", "");
        return code.length() == policy.codeLength() && code.chars().allMatch(c -> c >= '0' && c <= '9')
                ? Optional.of(code) : Optional.empty();
    }

    /** A fresh code of the policy's length; remember it with {@link #remember} once the gateway accepted it. */
    public static String newCode(PhoneOtpPolicy policy) {
        return OneTimeCodes.generate(policy.codeLength());
    }

    /** Binds the code to this session and phone; it expires {@code ttl} after the gateway's acceptance, now. */
    public void remember(String phoneId, DeliveryMethod method, String code, Duration ttl) {
        Instant acceptedAt = clock.instant();
        String salt = OneTimeCodes.newSalt();
        notes.set(PHONE_ID, phoneId);
        notes.set(METHOD, method.formValue());
        notes.set(SALT, salt);
        notes.set(HASH, OneTimeCodes.hash(code, salt));
        notes.set(SENT_AT, Long.toString(acceptedAt.toEpochMilli()));
        notes.set(EXPIRES_AT, Long.toString(acceptedAt.plus(ttl).toEpochMilli()));
    }

    public Optional<Pending> pending() {
        String phoneId = notes.get(PHONE_ID);
        String sentAt = notes.get(SENT_AT);
        String expiresAt = notes.get(EXPIRES_AT);
        if (phoneId == null || sentAt == null || expiresAt == null) {
            return Optional.empty();
        }
        DeliveryMethod method = DeliveryMethod.fromFormValue(notes.get(METHOD)).orElse(DeliveryMethod.SMS);
        return Optional.of(new Pending(phoneId, method,
                Instant.ofEpochMilli(Long.parseLong(sentAt)), Instant.ofEpochMilli(Long.parseLong(expiresAt))));
    }

    public int failures() {
        String value = notes.get(FAILURES);
        return value == null ? 0 : Integer.parseInt(value);
    }

    public boolean exhausted(PhoneOtpPolicy policy) {
        return failures() >= policy.maxCodeFailures();
    }

    /**
     * Checks a typed code. A right code is used up; a wrong one counts, and the code dies at the
     * policy's cap; an expired one is refused even if right.
     */
    public Verdict verify(String code, PhoneOtpPolicy policy) {
        if (exhausted(policy)) {
            forgetCode();
            return Verdict.EXHAUSTED;
        }
        String hash = notes.get(HASH);
        String salt = notes.get(SALT);
        Optional<Pending> pending = pending();
        if (hash == null || salt == null || pending.isEmpty()) {
            return Verdict.NONE;
        }
        if (clock.instant().isAfter(pending.get().expiresAt())) {
            forgetCode();
            return Verdict.EXPIRED;
        }
        if (OneTimeCodes.matches(code, salt, hash)) {
            forget();
            return Verdict.VALID;
        }
        int failures = failures() + 1;
        notes.set(FAILURES, Integer.toString(failures));
        if (failures >= policy.maxCodeFailures()) {
            forgetCode();
            return Verdict.EXHAUSTED;
        }
        return Verdict.WRONG;
    }

    /** Keeps which phone and method were chosen, so the code page can still offer a resend. */
    private void forgetCode() {
        notes.remove(HASH);
        notes.remove(SALT);
    }

    /** The user goes back to choose another phone or method; the failure count stays. */
    public void forget() {
        forgetCode();
        notes.remove(PHONE_ID);
        notes.remove(METHOD);
        notes.remove(SENT_AT);
        notes.remove(EXPIRES_AT);
    }
}
