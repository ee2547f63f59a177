package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.models.SingleUseObjectProvider;
import org.pimaccess.keycloak.phone.Digests;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;

/**
 * Cost controls against SMS pumping: a per-user resend cooldown, and caps per user, per phone
 * number and per client IP over a rolling window.
 *
 * <p>All state lives in Keycloak's {@link SingleUseObjectProvider}, which is cluster-wide. A cap of
 * N is N slots; a send takes a free slot with an atomic {@code putIfAbsent} that expires after the
 * window, so N sends fit in any window and concurrent requests on any node cannot both take the last
 * slot. The search starts at a random slot: with k of N taken it tries about N/(N-k) slots instead of
 * k+1, which matters for a large per-IP cap (many people behind one address), as each try is a cache
 * operation that may cross the cluster. Numbers and addresses are hashed in the keys.
 */
public final class SendLimiter {

    public enum Refusal { COOLDOWN, USER_CAP, PHONE_CAP, IP_CAP }

    /** What a send may do: either it holds a permit, or it was refused and why. */
    public sealed interface Decision permits Permit, Refused {
    }

    public record Refused(Refusal refusal, long secondsLeft) implements Decision {
    }

    /** One attempt to hand a message to a gateway. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws PhoneMessageSendException;
    }

    /**
     * Slots held for one send. {@link #use} keeps them only when the attempt returns, so no path (a
     * gateway refusal, or any other exception) leaves slots taken for a message that never went out.
     */
    public final class Permit implements Decision {
        private final String cooldownKey;
        private final List<String> slots;

        private Permit(String cooldownKey, List<String> slots) {
            this.cooldownKey = cooldownKey;
            this.slots = slots;
        }

        /** Runs the attempt; the message went out when it returns, and not when it throws. */
        public <T> T use(Attempt<T> attempt) throws PhoneMessageSendException {
            boolean sent = false;
            try {
                T result = attempt.run();
                sent = true;
                sent();
                return result;
            } finally {
                if (!sent) {
                    release();
                }
            }
        }

        /** The message went out: the slots stay taken and the cooldown runs. */
        void sent() {
            if (cooldownKey != null) {
                long until = clock.instant().plus(policy.resendCooldown()).getEpochSecond();
                store.put(cooldownKey + INFO, policy.resendCooldown().toSeconds(), Map.of(UNTIL, Long.toString(until)));
            }
        }

        /** The gateway did not take it: the attempt is not counted against the user. */
        void release() {
            slots.forEach(store::remove);
            if (cooldownKey != null) {
                store.remove(cooldownKey);
            }
        }
    }

    private static final String PREFIX = "pim-phone-otp:";
    private static final String INFO = ":info";
    private static final String UNTIL = "until";

    private final SingleUseObjectProvider store;
    private final PhoneOtpPolicy policy;
    private final Clock clock;

    public SendLimiter(SingleUseObjectProvider store, PhoneOtpPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public Decision acquire(String realmId, String userId, String phoneNumber, String clientIp) {
        String cooldownKey = null;
        long cooldownSeconds = policy.resendCooldown().toSeconds();
        if (cooldownSeconds > 0) {
            cooldownKey = PREFIX + "cooldown:" + realmId + ":" + userId;
            if (!store.putIfAbsent(cooldownKey, cooldownSeconds)) {
                return new Refused(Refusal.COOLDOWN, cooldownSecondsLeft(cooldownKey));
            }
        }
        List<String> taken = new ArrayList<>(3);
        Refused refused = take(taken, Refusal.USER_CAP, "user:" + realmId + ":" + userId, policy.userSendCap());
        if (refused == null) {
            refused = take(taken, Refusal.PHONE_CAP, "phone:" + realmId + ":" + digest(phoneNumber), policy.phoneSendCap());
        }
        if (refused == null && clientIp != null) {
            refused = take(taken, Refusal.IP_CAP, "ip:" + realmId + ":" + digest(clientIp), policy.ipSendCap());
        }
        Permit permit = new Permit(cooldownKey, taken);
        if (refused != null) {
            permit.release();
            return refused;
        }
        return permit;
    }

    /**
     * A code was used: the cooldown, which guards against repeat sends while a code is pending, ends.
     * The caps still count every send.
     */
    public void codeUsed(String realmId, String userId) {
        String cooldownKey = PREFIX + "cooldown:" + realmId + ":" + userId;
        store.remove(cooldownKey + INFO);
        store.remove(cooldownKey);
    }

    /** Seconds until this user may be sent another code; 0 when they may now. */
    public long cooldownSecondsLeft(String realmId, String userId) {
        return cooldownSecondsLeft(PREFIX + "cooldown:" + realmId + ":" + userId);
    }

    private long cooldownSecondsLeft(String cooldownKey) {
        Map<String, String> info = store.get(cooldownKey + INFO);
        if (info == null || info.get(UNTIL) == null) {
            // Another request holds the cooldown but has not finished sending yet.
            return store.contains(cooldownKey) ? policy.resendCooldown().toSeconds() : 0;
        }
        long left = Long.parseLong(info.get(UNTIL)) - clock.instant().getEpochSecond();
        return Math.max(left, 0);
    }

    private Refused take(List<String> taken, Refusal refusal, String subject, int cap) {
        if (cap <= 0) {
            return null;
        }
        long window = policy.sendCapWindow().toSeconds();
        int first = ThreadLocalRandom.current().nextInt(cap);
        for (int tried = 0; tried < cap; tried++) {
            String key = PREFIX + "cap:" + subject + ":" + (first + tried) % cap;
            if (store.putIfAbsent(key, window)) {
                taken.add(key);
                return null;
            }
        }
        return new Refused(refusal, window);
    }

    /** Half of a SHA-256 is plenty to tell numbers and addresses apart in a key. */
    private static String digest(String value) {
        return Digests.sha256Hex(value).substring(0, 32);
    }
}
