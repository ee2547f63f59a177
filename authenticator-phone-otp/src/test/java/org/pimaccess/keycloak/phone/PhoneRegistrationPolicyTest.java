package org.pimaccess.keycloak.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneRegistrationPolicyTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, 43200",
            "'', 43200",
            "twelve hours, 43200",
            "86400, 86400",
            "10, 300",
            "0, 300",
            "99999999, 604800"
    })
    void theResetLinkLivesTwelveHoursByDefaultAndBetweenFiveMinutesAndAWeek(String configured, long seconds) {
        Map<String, String> config = configured == null ? Map.of() : Map.of("reset-link-lifespan-seconds", configured);

        assertThat(PhoneRegistrationPolicy.from(config).resetLinkLifespan()).isEqualTo(Duration.ofSeconds(seconds));
    }
}
