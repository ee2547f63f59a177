package org.pimaccess.keycloak.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.metrics.PhoneMetrics;

/**
 * The one owner of a person's phones: every entry point (phone registration, {@code pim-phones}, the
 * org-admin reset, Keycloak's own credential deletion) adds, removes and resets through here, and
 * repeats none of these rules:
 * <ul>
 *   <li>labels: at most {@value #MAX_LABEL} printable characters;</li>
 *   <li>adding: the realm's limits ({@link PhoneEnrollment}), the methods the number's type can take
 *   ({@link PhoneCredentialProvider}), the end of a pending reset ({@link PhoneMark}), the meter and the
 *   notice mail;</li>
 *   <li>removing: the meter and the notice mail; a person without phones who had one is pending
 *   ({@link PhoneReset#pending}), whichever way the last one went;</li>
 *   <li>resetting: {@link PhoneReset}, with the org admins' cooldown when asked.</li>
 * </ul>
 */
public final class PersonPhones {

    public static final int MAX_LABEL = 64;

    private PersonPhones() {
    }

    /** Whether a label (after stripping) may be stored: short, printable; null and blank mean none. */
    public static boolean labelAllowed(String label) {
        return label == null || label.strip().length() <= MAX_LABEL && label.chars().noneMatch(Character::isISOControl);
    }

    /**
     * Stores a phone whose possession is proven (a code typed back) or vouched for (a realm admin), then
     * mails the person a notice.
     */
    public static PhoneEnrollment.Result add(KeycloakSession session, RealmModel realm, UserModel user, String e164,
                                             String label, Set<DeliveryMethod> methods, DeliveryMethod preferred) {
        PhoneRegistrationPolicy policy = PhoneRegistrationPolicy.of(realm);
        String stripped = label == null || label.isBlank() ? null : label.strip();
        PhoneEnrollment.Result stored = PhoneEnrollment.store(session, realm, user,
                PhoneCredentialModel.create(e164, stripped, methods, preferred, Instant.now()),
                new PhoneEnrollment.Limits(policy.maxPhones(), policy.uniqueAcrossUsers()));
        if (stored.outcome() == PhoneEnrollment.Outcome.STORED) {
            PhoneNotice.phoneAdded(session, realm, user, PhoneNumbers.mask(e164));
        }
        return stored;
    }

    /** Removes one of the person's phones and mails them a notice; empty when they have no such phone. */
    public static Optional<PhoneCredentialModel> remove(KeycloakSession session, RealmModel realm, UserModel user,
                                                        String credentialId) {
        Optional<PhoneCredentialModel> phone = PhoneCredentialModel.phonesOf(user).stream()
                .filter(candidate -> candidate.getId().equals(credentialId)).findFirst();
        phone.ifPresent(found -> {
            provider(session).deleteCredential(realm, user, found.getId());
            PhoneMark.phoneRemoved(user);
            PhoneNotice.phoneRemoved(session, realm, user, found.getUserLabel());
        });
        return phone;
    }

    /**
     * Keycloak removed a phone itself (the account console, or the admin console's credential delete):
     * the meter and the notice, and the mark that the person has had a phone (for phones stored before the mark
     * existed; every phone stored since set it already).
     */
    public static void removedByKeycloak(KeycloakSession session, RealmModel realm, UserModel user, String phoneLabel) {
        PhoneMark.phoneRemoved(user);
        PhoneMetrics.phonesChanged("removed", 1);
        PhoneNotice.phoneRemoved(session, realm, user, phoneLabel);
    }

    /** A realm admin's reset: no cooldown. */
    public static PhoneReset.Result resetByRealmAdmin(KeycloakSession session, RealmModel realm, UserModel user, UserModel admin) {
        return PhoneReset.reset(session, realm, user, admin, Duration.ZERO);
    }

    /** An org admin's reset: at most once per the realm's {@code reset-cooldown-seconds} per member. */
    public static PhoneReset.Result resetByOrgAdmin(KeycloakSession session, RealmModel realm, UserModel user, UserModel admin) {
        return PhoneReset.reset(session, realm, user, admin, PhoneRegistrationPolicy.of(realm).resetCooldown());
    }

    private static PhoneCredentialProvider provider(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(CredentialProvider.class, PhoneCredentialProviderFactory.PROVIDER_ID);
    }
}
