package org.pimaccess.keycloak.phone;

import java.util.List;
import java.util.stream.Stream;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds who holds a phone number without scanning users: each stored phone adds a keyed hash of its
 * number ({@link PhoneKeys}) to an indexed user attribute, and a lookup reads only the users with that hash. Keycloak can delete
 * a credential without its provider, so an entry may outlive its phone; a lookup therefore confirms
 * the phone is still there before it counts.
 */
public final class PhoneNumberIndex {

    static final String ATTRIBUTE = "pim.phone-index";

    private PhoneNumberIndex() {
    }

    /** Indexes the user's phones, this number included, under the realm's current key. */
    static void add(KeycloakSession session, RealmModel realm, UserModel user, String e164) {
        reindex(session, realm, user, Stream.of(e164));
    }

    /**
     * Whether another user of the realm has this number as a phone; never says who. Entries made under
     * an older key, or as the plain SHA-256 of earlier versions, are found too, and their holders are
     * re-indexed under the current key on the way.
     */
    public static boolean heldByAnotherUser(KeycloakSession session, RealmModel realm, UserModel user, String e164) {
        List<String> current = PhoneKeys.all(session, realm, e164);
        List<String> candidates = Stream.concat(current.stream(), Stream.of(legacyKey(realm, e164))).toList();
        boolean held = false;
        for (String candidate : candidates) {
            List<UserModel> holders = session.users().searchForUserByUserAttributeStream(realm, ATTRIBUTE, candidate)
                    .filter(holder -> !holder.getId().equals(user.getId()))
                    .filter(holder -> PhoneCredentialModel.phonesOf(holder).stream().anyMatch(phone -> phone.phoneNumber().equals(e164)))
                    .toList();
            if (!candidate.equals(current.get(0))) {
                holders.forEach(holder -> reindex(session, realm, holder, Stream.empty()));
            }
            held |= !holders.isEmpty();
        }
        return held;
    }

    private static void reindex(KeycloakSession session, RealmModel realm, UserModel user, Stream<String> more) {
        List<String> keys = Stream.concat(PhoneCredentialModel.phonesOf(user).stream().map(PhoneCredentialModel::phoneNumber), more)
                .distinct()
                .map(number -> PhoneKeys.of(session, realm, number))
                .toList();
        if (!keys.equals(user.getAttributeStream(ATTRIBUTE).toList())) {
            user.setAttribute(ATTRIBUTE, keys);
        }
    }

    /** What versions before keyed hashes stored: the SHA-256 of realm id and number. */
    static String legacyKey(RealmModel realm, String e164) {
        return Digests.sha256Hex(realm.getId() + ":" + e164);
    }
}
