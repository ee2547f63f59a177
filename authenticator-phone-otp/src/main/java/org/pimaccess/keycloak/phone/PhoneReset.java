package org.pimaccess.keycloak.phone;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.trust.SignOut;

/**
 * The help desk's answer to a lost phone, for org admins and realm admins alike: every phone of the
 * person goes, their sessions end, and they get an email with a link that leads to registering a new
 * phone.
 *
 * <p>Deleting the phones alone would be a trap: a person without a phone is sent to phone registration
 * after the password, so whoever holds the password would register their own phone. So a person who
 * has had a phone and has none now, however the last one went (a reset, the admin console, the account
 * console, an API), is pending: phone registration opens only through the emailed link, which proves the
 * mailbox. The reset records the address the link went to ({@link PhoneMark}); every resend goes there,
 * and a link made for another address opens nothing. Storing a new phone ends it.
 */
public final class PhoneReset {

    public enum Outcome { RESET, NO_EMAIL, EMAIL_FAILED, TOO_SOON }

    /** @param retryAfterSeconds for {@link Outcome#TOO_SOON}: when the member may be reset again */
    public record Result(Outcome outcome, int phonesRemoved, long retryAfterSeconds) {
        static Result of(Outcome outcome) {
            return new Result(outcome, 0, 0);
        }
    }

    /** What a reset answers, in {@code pim-phones} and the org-admin API alike. */
    public record Done(String userId, int phonesRemoved) {
    }

    private static final String COOLDOWN = "pim-phone-reset:cooldown:";
    private static final Logger LOG = Logger.getLogger(PhoneReset.class);

    private PhoneReset() {
    }

    /**
     * Resets the person's phones. The mail goes first: without it there is no way back to a phone, so a
     * person without an address, or a mail that cannot go out, changes nothing.
     *
     * @param admin    who resets them; the mail names them
     * @param cooldown how soon after the last reset this one may come; zero for none (a realm admin)
     */
    public static Result reset(KeycloakSession session, RealmModel realm, UserModel user, UserModel admin, Duration cooldown) {
        String email = user.getEmail();
        if (email == null || email.isBlank()) {
            return Result.of(Outcome.NO_EMAIL);
        }
        long now = Time.currentTime();
        SingleUseObjectProvider store = session.singleUseObjects();
        String cooldownKey = COOLDOWN + realm.getId() + ":" + user.getId();
        if (!cooldown.isZero()) {
            Long last = PhoneMark.of(user).lastResetAt();
            long left = last == null ? 0 : last + cooldown.toSeconds() - now;
            if (left > 0 || !store.putIfAbsent(cooldownKey, cooldown.toSeconds())) {
                return new Result(Outcome.TOO_SOON, 0, Math.max(1, left > 0 ? left : cooldown.toSeconds()));
            }
        }
        try {
            ResetLink.mail(session, realm, user, email, nameOf(admin));
        } catch (EmailException e) {
            LOG.warnf("Could not mail the phone-reset link to user %s: %s", user.getId(), e.getMessage());
            store.remove(cooldownKey);
            return Result.of(Outcome.EMAIL_FAILED);
        }
        List<String> phones = user.credentialManager().getStoredCredentialsByTypeStream(PhoneCredentialModel.TYPE)
                .map(CredentialModel::getId).toList();
        phones.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        PhoneMark.of(user).withReset(now, email).saveFor(user);
        SignOut.everywhere(session, realm, user, (int) now);
        PhoneMetrics.phonesChanged("reset", phones.size());
        return new Result(Outcome.RESET, phones.size(), 0);
    }

    /**
     * The link again, asked for on the reset-pending page: to the address the reset recorded, or, when
     * the last phone went another way, to the account's address now, which is recorded from then on.
     *
     * @return false when there is no address to send it to
     */
    public static boolean mailLinkAgain(KeycloakSession session, RealmModel realm, UserModel user) throws EmailException {
        PhoneMark mark = PhoneMark.of(user);
        String email = mark.resetEmail() != null ? mark.resetEmail() : user.getEmail();
        if (email == null || email.isBlank()) {
            return false;
        }
        if (mark.resetEmail() == null) {
            mark.withLinkTo(Time.currentTime(), email).saveFor(user);
        }
        ResetLink.mail(session, realm, user, email, null);
        return true;
    }

    /** How the person reads who reset their phones: the admin's name, or else their username. */
    static String nameOf(UserModel admin) {
        String name = Stream.of(admin.getFirstName(), admin.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .map(String::strip)
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? admin.getUsername() : name;
    }

    /**
     * Since when only the emailed link leads to a new phone: the time of the reset, or the epoch when the
     * last phone went another way. Empty while the person has a phone, or never had one.
     */
    public static Optional<Long> pendingSince(UserModel user) {
        PhoneMark mark = PhoneMark.of(user);
        if (!mark.hadPhone() || PhoneCredentialModel.hasPhone(user)) {
            return Optional.empty();
        }
        return Optional.of(mark.resetAt() == null ? 0L : mark.resetAt());
    }

    /** Whether the person had a phone, has none now, and has not stored a new one through the link. */
    public static boolean pending(UserModel user) {
        return pendingSince(user).isPresent();
    }

    /** A phone is stored: the person has had one, and any reset is over. */
    static void settled(UserModel user) {
        PhoneMark.of(user).withPhone().saveFor(user);
    }
}
