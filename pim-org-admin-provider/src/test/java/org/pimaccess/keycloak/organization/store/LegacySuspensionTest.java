package org.pimaccess.keycloak.organization.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LegacySuspensionTest {

    @Test
    void aSuspensionKeptInAttributePiecesIsReadBackWholeInAnyOrder() {
        String first = "é".repeat(199) + "\uD83D\uDE00";
        String second = "x".repeat(200);
        List<String> values = List.of("reason1:" + second, "byName:ann", "reason0:" + first, "since:1764662400000", "by:u1");

        assertThat(LegacySuspension.parse(values))
                .isEqualTo(new LegacySuspension(1764662400000L, "u1", "ann", first + second));
    }

    @Test
    void anEditedValueReadsAsZeroInsteadOfFailingTheMigration() {
        assertThat(LegacySuspension.parse(List.of("since:yesterday", "by:u1", "reason0:Left"))).isEqualTo(
                new LegacySuspension(0, "u1", null, "Left"));
    }
}
