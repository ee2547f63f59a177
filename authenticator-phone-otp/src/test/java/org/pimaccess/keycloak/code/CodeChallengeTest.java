package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.phone.DeliveryMethod;

class CodeChallengeTest {

    private static final PhoneOtpPolicy POLICY = PhoneOtpPolicy.DEFAULTS;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final MapNotes notes = new MapNotes();
    private final CodeChallenge challenge = new CodeChallenge(notes, clock);

    @Test
    void atTheDefaultTtlACodeIsGoodAfter119SecondsAndDeadAfter121() {
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());
        clock.advance(Duration.ofSeconds(119));
        assertThat(challenge.verify("123456", POLICY)).isEqualTo(CodeChallenge.Verdict.VALID);

        challenge.remember("phone-1", DeliveryMethod.SMS, "654321", POLICY.codeTtl());
        clock.advance(Duration.ofSeconds(121));
        assertThat(challenge.verify("654321", POLICY)).isEqualTo(CodeChallenge.Verdict.EXPIRED);
    }

    @Test
    void theTtlCountsFromTheMomentTheCodeIsRememberedAfterTheGatewayAccepted() {
        clock.advance(Duration.ofSeconds(4));
        challenge.remember("phone-1", DeliveryMethod.VOICE, "123456", POLICY.codeTtl());

        assertThat(challenge.pending()).hasValueSatisfying(pending -> {
            assertThat(pending.sentAt()).isEqualTo(Instant.parse("2026-11-28T10:00:04Z"));
            assertThat(pending.expiresAt()).isEqualTo(Instant.parse("2026-11-28T10:02:04Z"));
            assertThat(pending.method()).isEqualTo(DeliveryMethod.VOICE);
        });
    }

    @Test
    void aCodeIsSingleUse() {
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());

        assertThat(challenge.verify("123456", POLICY)).isEqualTo(CodeChallenge.Verdict.VALID);
        assertThat(challenge.verify("123456", POLICY)).isEqualTo(CodeChallenge.Verdict.NONE);
    }

    @Test
    void onlyASaltedHashIsKept() {
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());
        String firstHash = notes.values.get(CodeChallenge.HASH);
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());

        assertThat(notes.values.values()).noneMatch(value -> value.contains("123456"));
        assertThat(notes.values.get(CodeChallenge.HASH)).isNotEqualTo(firstHash);
    }

    @Test
    void afterFiveWrongTriesTheCodeIsDeadEvenIfTheRightOneComesNext() {
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());
        for (int i = 0; i < 4; i++) {
            assertThat(challenge.verify("000000", POLICY)).isEqualTo(CodeChallenge.Verdict.WRONG);
        }
        assertThat(challenge.verify("000000", POLICY)).isEqualTo(CodeChallenge.Verdict.EXHAUSTED);

        assertThat(challenge.verify("123456", POLICY)).isEqualTo(CodeChallenge.Verdict.EXHAUSTED);
    }

    @Test
    void aNewCodeNeverResetsTheFailureCount() {
        challenge.remember("phone-1", DeliveryMethod.SMS, "123456", POLICY.codeTtl());
        challenge.verify("000000", POLICY);
        challenge.verify("000000", POLICY);
        challenge.remember("phone-1", DeliveryMethod.SMS, "222222", POLICY.codeTtl());

        assertThat(challenge.failures()).isEqualTo(2);
        challenge.forget();
        assertThat(challenge.failures()).isEqualTo(2);
    }

    @Test
    void codesHaveThePolicysLengthAndOnlyDigits() {
        PhoneOtpPolicy tenDigits = PhoneOtpPolicy.from(Map.of(PhoneOtpPolicy.CODE_LENGTH, "10"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = CodeChallenge.newCode(tenDigits);
            assertThat(code).hasSize(10).containsOnlyDigits();
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(195);
    }

    @Test
    void typedCodesMayGroupDigitsButMustBeExactlyThePolicysDigits() {
        assertThat(CodeChallenge.wellFormed("123 456", POLICY)).hasValue("123456");
        assertThat(CodeChallenge.wellFormed("123-456", POLICY)).hasValue("123456");
        assertThat(CodeChallenge.wellFormed("12a45b", POLICY)).isEmpty();
        assertThat(CodeChallenge.wellFormed("12345", POLICY)).isEmpty();
        assertThat(CodeChallenge.wellFormed("7".repeat(2000), POLICY)).isEmpty();
        assertThat(CodeChallenge.wellFormed(null, POLICY)).isEmpty();
    }
}
