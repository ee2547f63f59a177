package org.pimaccess.keycloak.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DashboardRulesTest {

    private static final Map<String, Integer> LEVELS = Map.of("password", 1, "phone-otp", 2);

    @Test
    void aSessionMeetsWhatAnApplicationAsksForByTheLevelsOfTheAcrMap() {
        assertThat(Dashboard.satisfies("phone-otp", "phone-otp", LEVELS)).isTrue();
        assertThat(Dashboard.satisfies("phone-otp", "password", LEVELS)).isTrue();
        assertThat(Dashboard.satisfies("password", "phone-otp", LEVELS)).isFalse();
        assertThat(Dashboard.satisfies("2", "phone-otp", LEVELS)).isTrue();
        assertThat(Dashboard.satisfies("0", "password", LEVELS)).isFalse();
        assertThat(Dashboard.satisfies(null, "password", LEVELS)).isFalse();
        assertThat(Dashboard.satisfies("password", null, LEVELS)).isTrue();
        assertThat(Dashboard.satisfies("gold", "phone-otp", LEVELS)).isFalse();
    }

}
