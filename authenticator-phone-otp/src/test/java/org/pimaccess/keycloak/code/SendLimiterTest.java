package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;

class SendLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final InMemorySingleUseStore store = new InMemorySingleUseStore(clock);

    @Test
    void anExceptionWhileTheMessageIsBuiltReleasesTheSlotsAndTheCooldown() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.PHONE_SEND_CAP, "1",
                PhoneOtpPolicy.IP_SEND_CAP, "1"));
        SendLimiter.Permit permit = (SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1");

        assertThatThrownBy(() -> permit.use(() -> {
            throw new IllegalStateException("the theme broke the message text");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.keys()).as("only the budget's note of a closed window's count stays").allMatch(key -> key.endsWith(":count"));
        assertThat(acquire(limiter, "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void aSendThatReturnsKeepsTheSlots() throws Exception {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        SendLimiter.Permit permit = (SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1");

        assertThat(permit.use(() -> "message-1")).isEqualTo("message-1");

        assertThat(acquire(limiter, "alice", "+12025550144", "10.0.0.2"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
    }

    @Test
    void aFailureThatMayHaveDeliveredKeepsTheSlotsWithoutACooldownAndAFurtherAttemptTakesMoreUntilACapIsFull()
            throws Exception {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "2"));
        SendLimiter.Permit permit = (SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1");

        assertThat(permit.chargeAnother()).as("a second attempt fits the cap of 2").isTrue();
        assertThat(permit.chargeAnother()).as("a third does not").isFalse();
        assertThatThrownBy(() -> permit.use(() -> {
            throw PhoneMessageSendException.afterSending(PhoneMessageSendException.Reason.TIMEOUT, "no answer", null);
        })).isInstanceOf(PhoneMessageSendException.class);

        assertThat(limiter.cooldownSecondsLeft("realm", "alice")).as("nothing went out for sure: no cooldown").isZero();
        assertThat(acquire(limiter, "alice", "+12025550144", "10.0.0.2"))
                .as("both attempts stay counted").isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
    }

    @Test
    void aFailureThatSurelySentNothingGivesItsSlotsBack() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        SendLimiter.Permit permit = (SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1");

        assertThatThrownBy(() -> permit.use(() -> {
            throw new PhoneMessageSendException(PhoneMessageSendException.Reason.UNAVAILABLE, "connection refused");
        })).isInstanceOf(PhoneMessageSendException.class);

        assertThat(acquire(limiter, "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void aSecondSendInsideTheCooldownIsRefusedWithTheSecondsLeft() {
        SendLimiter limiter = limiter(Map.of());
        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1")).sent();
        clock.advance(Duration.ofSeconds(12));

        SendLimiter.Decision second = acquire(limiter, "alice", "+12025550143", "10.0.0.1");

        assertThat(second).isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.COOLDOWN, 18));
        clock.advance(Duration.ofSeconds(18));
        assertThat(acquire(limiter, "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void aUsedCodeEndsTheCooldownButNotTheCaps() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "2"));
        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1")).sent();

        limiter.codeUsed("realm", "alice");

        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550144", "10.0.0.1")).sent();
        limiter.codeUsed("realm", "alice");
        assertThat(acquire(limiter, "alice", "+12025550145", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
    }

    @Test
    void aSendTheGatewayRefusedCountsAgainstNobody() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1"));
        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1")).release();

        assertThat(acquire(limiter, "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void thePerUserCapHoldsAcrossPhonesAndFreesUpAsTheWindowRolls() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "3", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        for (int i = 0; i < 3; i++) {
            ((SendLimiter.Permit) acquire(limiter, "alice", "+1202555010" + i, "10.0.0.1")).sent();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(acquire(limiter, "alice", "+12025550199", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
        clock.advance(Duration.ofMinutes(31));
        assertThat(acquire(limiter, "alice", "+12025550199", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void thePerPhoneAndPerIpCapsHoldAcrossUsers() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.PHONE_SEND_CAP, "2", PhoneOtpPolicy.IP_SEND_CAP, "3",
                PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1")).sent();
        ((SendLimiter.Permit) acquire(limiter, "bob", "+12025550143", "10.0.0.1")).sent();

        assertThat(acquire(limiter, "carol", "+12025550143", "10.0.0.2"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.PHONE_CAP, 3600));
        ((SendLimiter.Permit) acquire(limiter, "carol", "+12025550144", "10.0.0.1")).sent();
        assertThat(acquire(limiter, "dave", "+12025550145", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.IP_CAP, 3600));
    }

    @Test
    void aSendUnderALargeHalfUsedIpCapTriesAFewSlotsNotAllTakenOnes() {
        // Only the IP cap takes slots here: the budget's own slot would add one operation to every send.
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.IP_SEND_CAP, "1000", PhoneOtpPolicy.USER_SEND_CAP, "0",
                PhoneOtpPolicy.PHONE_SEND_CAP, "0", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0",
                PhoneOtpPolicy.REALM_SMS_BUDGET, "0"));
        for (int i = 0; i < 500; i++) {
            ((SendLimiter.Permit) acquire(limiter, "user-" + i, "+12025550143", "10.0.0.1")).sent();
        }
        int before = store.putIfAbsentCalls;

        for (int i = 0; i < 100; i++) {
            ((SendLimiter.Permit) acquire(limiter, "late-" + i, "+12025550143", "10.0.0.1")).sent();
        }

        // Half the slots are taken, so a random start needs about 2 tries; the first free slot from 0 needs 501+.
        assertThat((store.putIfAbsentCalls - before) / 100.0).isLessThan(5.0);
    }

    @Test
    void aRefusedCapLeavesNoSlotOrCooldownBehind() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.PHONE_SEND_CAP, "1"));
        ((SendLimiter.Permit) acquire(limiter, "alice", "+12025550143", "10.0.0.1")).sent();

        assertThat(acquire(limiter, "bob", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Refused.class);

        assertThat(limiter.cooldownSecondsLeft("realm", "bob")).isZero();
        assertThat(acquire(limiter, "bob", "+12025550144", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void registrationStopsAtItsShareOfTheRealmBudgetWhileSignInsKeepTheReserve() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.REALM_SMS_BUDGET, "20", PhoneOtpPolicy.REGISTRATION_BUDGET_PERCENT, "50"));
        for (int i = 0; i < 10; i++) {
            assertThat(send(limiter, "new-" + i, SendLimiter.Purpose.REGISTRATION, DeliveryMethod.SMS, "US")).as("registration " + i).isTrue();
        }
        assertThat(acquire(limiter, request("new-10", SendLimiter.Purpose.REGISTRATION, DeliveryMethod.SMS, "US")))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.BUDGET, 3600, "realm"));

        for (int i = 0; i < 10; i++) {
            assertThat(send(limiter, "known-" + i, SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "US")).as("sign-in " + i).isTrue();
        }
        assertThat(send(limiter, "known-10", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "US")).isFalse();
        assertThat(send(limiter, "caller", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.VOICE, "US")).as("voice has its own budget").isTrue();
    }

    @Test
    void theRollingWindowWeighsThePreviousWindowByHowMuchOfItStillOverlaps() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.REALM_SMS_BUDGET, "10"));
        for (int i = 0; i < 10; i++) {
            assertThat(send(limiter, "early-" + i, SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, null)).isTrue();
        }
        assertThat(send(limiter, "early-10", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, null)).isFalse();

        clock.advance(Duration.ofMinutes(90));

        int sent = 0;
        while (send(limiter, "late-" + sent, SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, null)) {
            sent++;
        }
        assertThat(sent).as("half of the full previous window still counts").isEqualTo(5);
    }

    @Test
    void aCountryBudgetStopsOneCountryOnly() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.COUNTRY_SMS_BUDGET, "2"));
        assertThat(send(limiter, "a", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "GB")).isTrue();
        assertThat(send(limiter, "b", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "GB")).isTrue();

        assertThat(acquire(limiter, request("c", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "GB")))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.BUDGET, 3600, "GB"));
        assertThat(send(limiter, "d", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "US")).isTrue();
    }

    @Test
    void aSendRefusedByABudgetTakesNoCapSlot() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.REGISTRATION_BUDGET_PERCENT, "0",
                PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));

        assertThat(send(limiter, "alice", SendLimiter.Purpose.REGISTRATION, DeliveryMethod.SMS, "US")).isFalse();

        assertThat(send(limiter, "alice", SendLimiter.Purpose.SIGN_IN, DeliveryMethod.SMS, "US")).isTrue();
    }

    /** One send by this user to a number of their own, from an address of their own; true when it went out. */
    private static boolean send(SendLimiter limiter, String user, SendLimiter.Purpose purpose, DeliveryMethod method, String region) {
        if (acquire(limiter, request(user, purpose, method, region)) instanceof SendLimiter.Permit permit) {
            permit.sent();
            return true;
        }
        return false;
    }

    private static SendLimiter.Request request(String user, SendLimiter.Purpose purpose, DeliveryMethod method, String region) {
        return new SendLimiter.Request("realm", user, "phone-of-" + user, "address-of-" + user, method, region, purpose);
    }

    private static SendLimiter.Decision acquire(SendLimiter limiter, SendLimiter.Request request) {
        return limiter.acquire(request);
    }

    private static SendLimiter.Decision acquire(SendLimiter limiter, String user, String phone, String address) {
        return limiter.acquire(new SendLimiter.Request("realm", user, phone, address, DeliveryMethod.SMS, null,
                SendLimiter.Purpose.SIGN_IN));
    }

    private SendLimiter limiter(Map<String, String> config) {
        return new SendLimiter(store, PhoneOtpPolicy.from(config), clock);
    }
}
