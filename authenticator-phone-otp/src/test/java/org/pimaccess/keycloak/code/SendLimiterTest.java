package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final InMemorySingleUseStore store = new InMemorySingleUseStore(clock);

    @Test
    void anExceptionWhileTheMessageIsBuiltReleasesTheSlotsAndTheCooldown() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.PHONE_SEND_CAP, "1",
                PhoneOtpPolicy.IP_SEND_CAP, "1"));
        SendLimiter.Permit permit = (SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1");

        assertThatThrownBy(() -> permit.use(() -> {
            throw new IllegalStateException("the theme broke the message text");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.size()).isZero();
        assertThat(limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void aSendThatReturnsKeepsTheSlots() throws Exception {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        SendLimiter.Permit permit = (SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1");

        assertThat(permit.use(() -> "message-1")).isEqualTo("message-1");

        assertThat(limiter.acquire("realm", "alice", "+12025550144", "10.0.0.2"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
    }

    @Test
    void aSecondSendInsideTheCooldownIsRefusedWithTheSecondsLeft() {
        SendLimiter limiter = limiter(Map.of());
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).sent();
        clock.advance(Duration.ofSeconds(12));

        SendLimiter.Decision second = limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1");

        assertThat(second).isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.COOLDOWN, 18));
        clock.advance(Duration.ofSeconds(18));
        assertThat(limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void aUsedCodeEndsTheCooldownButNotTheCaps() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "2"));
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).sent();

        limiter.codeUsed("realm", "alice");

        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550144", "10.0.0.1")).sent();
        limiter.codeUsed("realm", "alice");
        assertThat(limiter.acquire("realm", "alice", "+12025550145", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
    }

    @Test
    void aSendTheGatewayRefusedCountsAgainstNobody() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "1"));
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).release();

        assertThat(limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void thePerUserCapHoldsAcrossPhonesAndFreesUpAsTheWindowRolls() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.USER_SEND_CAP, "3", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        for (int i = 0; i < 3; i++) {
            ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+1202555010" + i, "10.0.0.1")).sent();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(limiter.acquire("realm", "alice", "+12025550199", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.USER_CAP, 3600));
        clock.advance(Duration.ofMinutes(31));
        assertThat(limiter.acquire("realm", "alice", "+12025550199", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void thePerPhoneAndPerIpCapsHoldAcrossUsers() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.PHONE_SEND_CAP, "2", PhoneOtpPolicy.IP_SEND_CAP, "3",
                PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).sent();
        ((SendLimiter.Permit) limiter.acquire("realm", "bob", "+12025550143", "10.0.0.1")).sent();

        assertThat(limiter.acquire("realm", "carol", "+12025550143", "10.0.0.2"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.PHONE_CAP, 3600));
        ((SendLimiter.Permit) limiter.acquire("realm", "carol", "+12025550144", "10.0.0.1")).sent();
        assertThat(limiter.acquire("realm", "dave", "+12025550145", "10.0.0.1"))
                .isEqualTo(new SendLimiter.Refused(SendLimiter.Refusal.IP_CAP, 3600));
    }

    @Test
    void aSendUnderALargeHalfUsedIpCapTriesAFewSlotsNotAllTakenOnes() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.IP_SEND_CAP, "1000", PhoneOtpPolicy.USER_SEND_CAP, "0",
                PhoneOtpPolicy.PHONE_SEND_CAP, "0", PhoneOtpPolicy.RESEND_COOLDOWN_SECONDS, "0"));
        for (int i = 0; i < 500; i++) {
            ((SendLimiter.Permit) limiter.acquire("realm", "user-" + i, "+12025550143", "10.0.0.1")).sent();
        }
        int before = store.putIfAbsentCalls;

        for (int i = 0; i < 100; i++) {
            ((SendLimiter.Permit) limiter.acquire("realm", "late-" + i, "+12025550143", "10.0.0.1")).sent();
        }

        // Half the slots are taken, so a random start needs about 2 tries; the first free slot from 0 needs 501+.
        assertThat((store.putIfAbsentCalls - before) / 100.0).isLessThan(5.0);
    }

    @Test
    void aRefusedCapLeavesNoSlotOrCooldownBehind() {
        SendLimiter limiter = limiter(Map.of(PhoneOtpPolicy.PHONE_SEND_CAP, "1"));
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).sent();

        assertThat(limiter.acquire("realm", "bob", "+12025550143", "10.0.0.1")).isInstanceOf(SendLimiter.Refused.class);

        assertThat(limiter.cooldownSecondsLeft("realm", "bob")).isZero();
        assertThat(limiter.acquire("realm", "bob", "+12025550144", "10.0.0.1")).isInstanceOf(SendLimiter.Permit.class);
    }

    @Test
    void keysNameNoPhoneNumberOrAddress() {
        SendLimiter limiter = limiter(Map.of());
        ((SendLimiter.Permit) limiter.acquire("realm", "alice", "+12025550143", "10.0.0.1")).sent();

        assertThat(store).extracting("entries").asString().doesNotContain("2025550143").doesNotContain("10.0.0.1");
    }

    private SendLimiter limiter(Map<String, String> config) {
        return new SendLimiter(store, PhoneOtpPolicy.from(config), clock);
    }
}
