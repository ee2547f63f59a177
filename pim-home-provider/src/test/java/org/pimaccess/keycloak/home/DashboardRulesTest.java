package org.pimaccess.keycloak.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

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

    @Test
    void onlyAWholeKeyIsLocalizedAndAMissingOneFallsBack() {
        Properties messages = new Properties();
        messages.setProperty("role_pim-editor", "Editor");
        assertThat(Texts.localize("${role_pim-editor}", messages, "pim-editor")).isEqualTo("Editor");
        assertThat(Texts.localize("${role_pim-viewer}", messages, "pim-viewer")).isEqualTo("pim-viewer");
        assertThat(Texts.localize("Edits ${role_pim-editor}", messages, "x")).isEqualTo("Edits ${role_pim-editor}");
        assertThat(Texts.localize("  ", messages, "pim-viewer")).isEqualTo("pim-viewer");
        assertThat(Texts.localize(null, messages, null)).isNull();
    }
}
