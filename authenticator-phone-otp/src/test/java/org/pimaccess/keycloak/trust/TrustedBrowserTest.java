package org.pimaccess.keycloak.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TrustedBrowserTest {

    private static final long DAY = 86_400_000L;
    private static final long TRUSTED_AT = 1_000 * DAY;

    private final TrustedBrowser browser = new TrustedBrowser("id", "Chrome", "Windows", TRUSTED_AT, TRUSTED_AT + 30 * DAY, TRUSTED_AT);

    @Test
    void itCountsUntilItsAbsoluteExpiryAndNotAMillisecondLonger() {
        assertThat(browser.validAt(TRUSTED_AT + 30 * DAY - 1, 0, 30)).isTrue();
        assertThat(browser.validAt(TRUSTED_AT + 30 * DAY, 0, 30)).isFalse();
    }

    @Test
    void fewerDaysAllowedNowShortenItWithoutWaitingForTheStoredExpiry() {
        assertThat(browser.validAt(TRUSTED_AT + 8 * DAY, 0, 7)).isFalse();
        assertThat(browser.validAt(TRUSTED_AT + 6 * DAY, 0, 7)).isTrue();
    }

    @Test
    void aPasswordSetAfterTheBrowserWasTrustedEndsIt() {
        assertThat(browser.validAt(TRUSTED_AT + DAY, TRUSTED_AT + 1, 30)).isFalse();
        assertThat(browser.validAt(TRUSTED_AT + DAY, TRUSTED_AT - DAY, 30)).isTrue();
    }

    @Test
    void theStepsSettingDefaultsTo30AndStaysWithin0And90() {
        assertThat(TrustedBrowserDays.ofStep(null)).isEqualTo(30);
        assertThat(TrustedBrowserDays.ofStep(Map.of(TrustedBrowserDays.CONFIG_KEY, "0"))).isZero();
        assertThat(TrustedBrowserDays.ofStep(Map.of(TrustedBrowserDays.CONFIG_KEY, "365"))).isEqualTo(90);
        assertThat(TrustedBrowserDays.ofStep(Map.of(TrustedBrowserDays.CONFIG_KEY, "-3"))).isZero();
        assertThat(TrustedBrowserDays.ofStep(Map.of(TrustedBrowserDays.CONFIG_KEY, "seven"))).isEqualTo(30);
    }
}
