package org.pimaccess.keycloak.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.organization.Suspensions.Suspension;

class SuspensionsTest {

    @Test
    void aLongReasonIsStoredInPiecesThatFitAnAttributeValueAndReadBackInAnyOrder() {
        String reason = "é".repeat(199) + "\uD83D\uDE00" + "x".repeat(298);
        Suspension suspension = new Suspension(1764662400000L, "u1", "ann", reason);

        List<String> values = new ArrayList<>(Suspensions.values(suspension));
        Collections.reverse(values);

        assertThat(values).allSatisfy(value -> assertThat(value.length()).isLessThanOrEqualTo(255));
        assertThat(values).noneSatisfy(value -> assertThat(Character.isHighSurrogate(value.charAt(value.length() - 1))).isTrue());
        assertThat(Suspensions.parse(values)).isEqualTo(suspension);
    }
}
