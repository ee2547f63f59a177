package org.pimaccess.keycloak.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class ThemeTextsTest {

    @Test
    void onlyAWholeKeyIsLocalizedAndAMissingOneFallsBack() {
        Properties messages = new Properties();
        messages.setProperty("role_pim-editor", "Editor");
        assertThat(ThemeTexts.localize("${role_pim-editor}", messages, "pim-editor")).isEqualTo("Editor");
        assertThat(ThemeTexts.localize("${role_pim-viewer}", messages, "pim-viewer")).isEqualTo("pim-viewer");
        assertThat(ThemeTexts.localize("Edits ${role_pim-editor}", messages, "x")).isEqualTo("Edits ${role_pim-editor}");
        assertThat(ThemeTexts.localize("  ", messages, "pim-viewer")).isEqualTo("pim-viewer");
        assertThat(ThemeTexts.localize(null, messages, null)).isNull();
    }
}
