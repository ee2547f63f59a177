package org.pimaccess.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionStrengthTest {

    @Test
    void phoneOtpAndPasskeyAreEnoughPasswordIsNot() {
        assertThat(SessionStrength.ofAcr("phone-otp").isAtLeast(SessionStrength.PHONE_OTP)).isTrue();
        assertThat(SessionStrength.ofAcr("passkey").isAtLeast(SessionStrength.PHONE_OTP)).isTrue();
        assertThat(SessionStrength.ofAcr("password").isAtLeast(SessionStrength.PHONE_OTP)).isFalse();
    }

    @Test
    void anUnknownOrMissingAcrCountsAsBelowEverything() {
        assertThat(SessionStrength.ofAcr("gold")).isEqualTo(SessionStrength.UNKNOWN);
        assertThat(SessionStrength.ofAcr("2")).isEqualTo(SessionStrength.UNKNOWN);
        assertThat(SessionStrength.ofAcr(null)).isEqualTo(SessionStrength.UNKNOWN);
        assertThat(SessionStrength.UNKNOWN.isAtLeast(SessionStrength.PASSWORD)).isFalse();
    }

    @Test
    void eachStrengthHasItsMessageKeys() {
        assertThat(SessionStrength.PHONE_OTP.messageKey()).isEqualTo("strength.phone-otp");
        assertThat(SessionStrength.PASSWORD.helpKey()).isEqualTo("strength.help.password");
    }
}
