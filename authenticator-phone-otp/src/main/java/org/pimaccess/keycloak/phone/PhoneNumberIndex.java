package org.pimaccess.keycloak.phone;

import java.util.stream.Stream;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds who holds a phone number without scanning users: each stored phone adds a hash of its number
 * to an indexed user attribute, and a lookup reads only the users with that hash. Keycloak can delete
 * a credential without its provider, so an entry may outlive its phone; a lookup therefore confirms
 * the phone is still there before it counts.
 */
public final class PhoneNumberIndex {

    static final String ATTRIBUTE = "pim.phone-index";

    private PhoneNumberIndex() {
    }

    static void add(RealmModel realm, UserModel user, String e164) {
        String key = key(realm, e164);
        if (user.getAttributeStream(ATTRIBUTE).noneMatch(key::equals)) {
            user.setAttribute(ATTRIBUTE, Stream.concat(user.getAttributeStream(ATTRIBUTE), Stream.of(key)).toList());
        }
    }

    /** Whether another user of the realm has this number as a phone; never says who. */
    public static boolean heldByAnotherUser(KeycloakSession session, RealmModel realm, UserModel user, String e164) {
        return session.users().searchForUserByUserAttributeStream(realm, ATTRIBUTE, key(realm, e164))
                .filter(holder -> !holder.getId().equals(user.getId()))
                .anyMatch(holder -> PhoneCredentialModel.phonesOf(holder).stream()
                        .anyMatch(phone -> phone.phoneNumber().equals(e164)));
    }

    private static String key(RealmModel realm, String e164) {
        return Digests.sha256Hex(realm.getId() + ":" + e164);
    }
}
