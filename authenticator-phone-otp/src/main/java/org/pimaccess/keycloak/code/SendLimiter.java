package org.pimaccess.keycloak.code;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.SingleUseObjectProvider;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;

/**
 * Cost controls against SMS pumping: a per-user resend cooldown, caps per user, per phone number and
 * per client address over a rolling window, and budgets per realm and per country (each per method).
 *
 * <p>All state lives in Keycloak's {@link SingleUseObjectProvider}, which is cluster-wide. A cap of
 * N is N slots; a send takes a free slot with an atomic {@code putIfAbsent} that expires after the
 * window, so N sends fit in any window and concurrent requests on any node cannot both take the last
 * slot. The search starts at a random slot: with k of N taken it tries about N/(N-k) slots instead of
 * k+1, which matters for a large per-IP cap (many people behind one address), as each try is a cache
 * operation that may cross the cluster. Callers pass numbers and addresses already hashed with a key.
 *
 * <p><b>Budgets</b> are too large for that search when nearly spent, so they count differently: per
 * fixed window, slots fill from 0 upwards, so the count is the first free slot, found by binary search
 * ({@code log2(budget)} lookups). The rolling window is the usual sliding-window estimate: the previous
 * window's count, weighted by how much of it still overlaps the last {@code budget-window-seconds}, plus
 * the current one. Sends to unproven numbers (phone registration) may use only
 * {@code registration-budget-percent} of a budget; sign-ins to proven phones may use all of it, so an
 * attack on registration leaves existing users a reserve.
 */
public final class SendLimiter {

    public enum Refusal { COOLDOWN, USER_CAP, PHONE_CAP, IP_CAP, BUDGET }

    /** Who the send is for: a proven phone at sign-in, or a number being registered. */
    public enum Purpose { SIGN_IN, REGISTRATION }

    /**
     * One send to ask for.
     *
     * @param phoneKey  the number, hashed with a key
     * @param clientKey what the per-IP cap counts (see {@link ClientAddress}), hashed with a key; null for none
     * @param region    the number's ISO 3166 country, for the country budget; null for none
     */
    public record Request(String realmId, String userId, String phoneKey, String clientKey, DeliveryMethod method,
                          String region, Purpose purpose) {
    }

    /** What a send may do: either it holds a permit, or it was refused and why. */
    public sealed interface Decision permits Permit, Refused {
    }

    /** @param scope for a budget, {@code realm} or the country it counts; otherwise null */
    public record Refused(Refusal refusal, long secondsLeft, String scope) implements Decision {
        public Refused(Refusal refusal, long secondsLeft) {
            this(refusal, secondsLeft, null);
        }
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
    private static final String COUNT = "count";
    private static final String REALM_SCOPE = "realm";
    private static final Logger LOG = Logger.getLogger(SendLimiter.class);

    private final SingleUseObjectProvider store;
    private final PhoneOtpPolicy policy;
    private final Clock clock;

    public SendLimiter(SingleUseObjectProvider store, PhoneOtpPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public Decision acquire(Request request) {
        String cooldownKey = null;
        long cooldownSeconds = policy.resendCooldown().toSeconds();
        if (cooldownSeconds > 0) {
            cooldownKey = PREFIX + "cooldown:" + request.realmId() + ":" + request.userId();
            if (!store.putIfAbsent(cooldownKey, cooldownSeconds)) {
                return new Refused(Refusal.COOLDOWN, cooldownSecondsLeft(cooldownKey));
            }
        }
        List<String> taken = new ArrayList<>(5);
        Refused refused = take(taken, Refusal.USER_CAP, "user:" + request.realmId() + ":" + request.userId(), policy.userSendCap());
        if (refused == null) {
            refused = take(taken, Refusal.PHONE_CAP, "phone:" + request.realmId() + ":" + request.phoneKey(), policy.phoneSendCap());
        }
        if (refused == null && request.clientKey() != null) {
            refused = take(taken, Refusal.IP_CAP, "ip:" + request.realmId() + ":" + request.clientKey(), policy.ipSendCap());
        }
        if (refused == null) {
            refused = budget(taken, request, REALM_SCOPE, policy.realmBudget(request.method()));
        }
        if (refused == null && request.region() != null) {
            refused = budget(taken, request, request.region(), policy.countryBudget(request.method()));
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
        Optional<String> slot = CapSlots.take(store, PREFIX + "cap:" + subject, cap, window);
        if (slot.isPresent()) {
            taken.add(slot.get());
            return null;
        }
        return new Refused(refusal, window);
    }

    private Refused budget(List<String> taken, Request request, String scope, int budget) {
        if (budget <= 0) {
            return null;
        }
        long window = policy.budgetWindow().toSeconds();
        long now = clock.instant().getEpochSecond();
        long index = now / window;
        // The window's length is part of the key: a changed window starts counting afresh.
        String base = PREFIX + "budget:" + request.realmId() + ":" + request.method().formValue() + ":" + scope + ":"
                + window + ":";
        double overlap = 1 - (double) (now % window) / window;
        int share = request.purpose() == Purpose.REGISTRATION ? budget * policy.registrationBudgetPercent() / 100 : budget;
        int allowed = (int) Math.floor(share - previousCount(base + (index - 1), budget, window) * overlap);
        for (int slot = firstFree(base + index, Math.max(0, allowed)); slot < allowed; slot++) {
            String key = base + index + ":" + slot;
            if (store.putIfAbsent(key, 2 * window)) {
                taken.add(key);
                return null;
            }
        }
        if (store.putIfAbsent(base + index + ":warned", window)) {
            LOG.warnf("Phone message budget reached in realm %s: %s %s, %d per %d s (%s sends allowed %d); "
                    + "further sends are refused until the window moves on", request.realmId(), scope,
                    request.method().formValue(), budget, window, request.purpose().name().toLowerCase(Locale.ROOT), share);
        }
        return new Refused(Refusal.BUDGET, window - now % window, scope);
    }

    /** A closed window's count, worked out once and kept for the next window's estimate. */
    private int previousCount(String windowKey, int budget, long window) {
        Map<String, String> kept = store.get(windowKey + ":count");
        if (kept != null && kept.get(COUNT) != null) {
            return Integer.parseInt(kept.get(COUNT));
        }
        int count = firstFree(windowKey, budget);
        store.put(windowKey + ":count", window, Map.of(COUNT, Integer.toString(count)));
        return count;
    }

    /** Slots of a window fill from 0 upwards, so the first free one is found by binary search. */
    private int firstFree(String windowKey, int upTo) {
        int low = 0;
        int high = upTo;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.contains(windowKey + ":" + middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
