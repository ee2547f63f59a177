package org.pimaccess.keycloak.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeycloakReleaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"26.4.0", "26.4.7", "26.5.6", "26.6.4", "26.7.3", "26.7.9-SNAPSHOT", "26.4.7.redhat-00001"})
    void everyBuildFrom26_4To26_7IsSupported(String version) {
        assertThat(KeycloakRelease.supported(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"26.3.5", "26.8.0", "25.0.6", "27.0.0", "999.0.0-SNAPSHOT", "26", "unknown", ""})
    void olderNewerAndUnreadableVersionsAreOutsideTheRange(String version) {
        assertThat(KeycloakRelease.supported(version)).isFalse();
    }
}
