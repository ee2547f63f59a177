package org.pimaccess.keycloak.phone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.UserCredentialStore;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Stores a verified phone, checking the limits again at that moment: the most phones per user, no
 * number twice for one user, and (when asked) no number held by another account. The checks made
 * when the code was sent are not enough: two tabs that each send and then verify would both pass
 * them.
 *
 * <p>So the check and the store run under a lock per user (and per number, for uniqueness across
 * users) in Keycloak's cluster-wide {@link SingleUseObjectProvider}, held until the transaction has
 * committed, and the user's phones are read again from the database under it. Whoever comes second
 * reads the first one's phone and gets the limit's outcome; nothing is stored twice. The lease
 * expires by itself after {@link #LEASE}, should a node die while holding it.
 */
public final class PhoneEnrollment {

    public enum Outcome { STORED, TOO_MANY, DUPLICATE, TAKEN, BUSY }

    public record Limits(int maxPhones, boolean uniqueAcrossUsers) {
    }

    public record Result(Outcome outcome, String credentialId) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null);
        }
    }

    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 25;

    private PhoneEnrollment() {
    }

    public static Result store(KeycloakSession session, RealmModel realm, UserModel user, PhoneCredentialModel phone,
                               Limits limits) {
        String number = PhoneNumbers.normalize(phone.phoneNumber()).orElseThrow(
                () -> new IllegalArgumentException("Not an E.164 number"));
        List<String> locks = new ArrayList<>(2);
        locks.add("pim-phone-enroll:" + realm.getId() + ":user:" + user.getId());
        if (limits.uniqueAcrossUsers()) {
            locks.add("pim-phone-enroll:" + realm.getId() + ":number:" + PhoneKeys.of(session, realm, number));
        }
        if (!hold(session, locks)) {
            return Result.of(Outcome.BUSY);
        }
        List<String> numbers = storedNumbers(session, realm, user);
        if (numbers.contains(number)) {
            return Result.of(Outcome.DUPLICATE);
        }
        if (numbers.size() >= limits.maxPhones()) {
            return Result.of(Outcome.TOO_MANY);
        }
        if (limits.uniqueAcrossUsers() && PhoneNumberIndex.heldByAnotherUser(session, realm, user, number)) {
            return Result.of(Outcome.TAKEN);
        }
        PhoneCredentialProvider provider = (PhoneCredentialProvider) session.getProvider(CredentialProvider.class,
                PhoneCredentialProviderFactory.PROVIDER_ID);
        return new Result(Outcome.STORED, provider.createCredential(realm, user, phone).getId());
    }

    /** The user's phone numbers as the database has them now, not as this request first read them. */
    private static List<String> storedNumbers(KeycloakSession session, RealmModel realm, UserModel user) {
        Stream<CredentialModel> stored = session.getProvider(UserProvider.class) instanceof UserCredentialStore database
                ? database.getStoredCredentialsByTypeStream(realm, user, PhoneCredentialModel.TYPE)
                : user.credentialManager().getStoredCredentialsByTypeStream(PhoneCredentialModel.TYPE);
        return stored.map(PhoneCredentialModel::createFromCredentialModel).map(PhoneCredentialModel::phoneNumber).toList();
    }

    /** Takes every lock or none, waiting a little for each; they are released when the transaction ends. */
    private static boolean hold(KeycloakSession session, List<String> keys) {
        SingleUseObjectProvider store = session.singleUseObjects();
        List<String> held = new ArrayList<>(keys.size());
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String key : keys) {
            while (!store.putIfAbsent(key, LEASE.toSeconds())) {
                if (System.nanoTime() > deadline || !pause()) {
                    held.forEach(store::remove);
                    return false;
                }
            }
            held.add(key);
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                held.forEach(store::remove);
            }

            @Override
            protected void rollbackImpl() {
                held.forEach(store::remove);
            }
        });
        return true;
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
