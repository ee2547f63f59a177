package org.pimaccess.keycloak.registration;

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
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.pimaccess.keycloak.metrics.PhoneMetrics;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;

/**
 * The help desk's answer to a lost phone, for org admins and realm admins alike: every phone of the
 * person goes, their sessions end, and they get an email with a link that leads to registering a new
 * phone.
 *
 * <p>Deleting the phones alone would be a trap: a person without a phone is sent to phone registration
 * after the password, so whoever holds the password would register their own phone. So the account is
 * marked ({@value #ATTRIBUTE}, the time of the reset), and while the mark stands phone registration
 * opens only through the emailed link, which proves the mailbox ({@link ResetGate}). Storing a new
 * phone, through that link or by a realm admin, clears the mark.
 */
public final class PhoneReset {

    /**
     * Epoch seconds of the last reset. An unmanaged user attribute: it stays out of the account console
     * unless a realm lets users edit unmanaged attributes, which a realm using resets must not do.
     */
    public static final String ATTRIBUTE = "pim.phone-reset";

    public enum Outcome { RESET, NO_EMAIL, EMAIL_FAILED }

    public record Result(Outcome outcome, int phonesRemoved) {
    }

    private static final Logger LOG = Logger.getLogger(PhoneReset.class);

    private PhoneReset() {
    }

    /**
     * Resets the person's phones. The mail goes first: without it there is no way back to a phone, so a
     * person without an address, or a mail that cannot go out, changes nothing.
     *
     * @param admin who resets them; the mail names them
     */
    public static Result reset(KeycloakSession session, RealmModel realm, UserModel user, UserModel admin) {
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return new Result(Outcome.NO_EMAIL, 0);
        }
        long now = Time.currentTime();
        try {
            ResetLink.mail(session, realm, user, nameOf(admin));
        } catch (EmailException e) {
            LOG.warnf("Could not mail the phone-reset link to user %s: %s", user.getId(), e.getMessage());
            return new Result(Outcome.EMAIL_FAILED, 0);
        }
        List<String> phones = user.credentialManager().getStoredCredentialsByTypeStream(PhoneCredentialModel.TYPE)
                .map(CredentialModel::getId).toList();
        phones.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        user.setSingleAttribute(ATTRIBUTE, Long.toString(now));
        // As the admin console's "Sign out" of a user: refresh and offline tokens issued until now stop working too.
        session.users().setNotBeforeForUser(realm, user, (int) now);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        PhoneMetrics.phonesChanged("reset", phones.size());
        return new Result(Outcome.RESET, phones.size());
    }

    /**
     * An admin deleted the person's last phone one by one: as after a reset, the password alone must not
     * register the next one. No link was mailed; the sign-in page offers to send one.
     */
    public static void lastPhoneRemoved(UserModel user) {
        user.setSingleAttribute(ATTRIBUTE, Long.toString(Time.currentTime()));
    }

    /** How the person reads who reset their phones: the admin's name, or else their username. */
    static String nameOf(UserModel admin) {
        String name = Stream.of(admin.getFirstName(), admin.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .map(String::strip)
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? admin.getUsername() : name;
    }

    /** When the person's phones were reset, while only the emailed link leads to a new phone. */
    static Optional<Long> pendingSince(UserModel user) {
        String value = user.getFirstAttribute(ATTRIBUTE);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            // Unreadable is still a reset: the gate stays closed, and any link issued since the epoch opens it.
            return Optional.of(0L);
        }
    }

    /** Whether the person's phones were reset (or their last phone deleted by an admin) and no new one is stored yet. */
    public static boolean pending(UserModel user) {
        return user.getFirstAttribute(ATTRIBUTE) != null;
    }

    /** A new phone is stored: the reset is over. */
    public static void settled(UserModel user) {
        if (user.getFirstAttribute(ATTRIBUTE) != null) {
            user.removeAttribute(ATTRIBUTE);
        }
    }
}
