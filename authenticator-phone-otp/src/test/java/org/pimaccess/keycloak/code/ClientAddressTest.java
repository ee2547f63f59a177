package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @Test
    void hopZeroKeepsTheAddressKeycloakResolved() {
        assertThat(ClientAddress.choose("198.51.100.7", List.of("198.51.100.7, 203.0.113.9"), 0, true)).isEqualTo("198.51.100.7");
    }

    @Test
    void hopOneTakesTheEntryTheOperatorsAppendingProxyWroteNotTheForgedLeftMostOne() {
        List<String> header = List.of("6.6.6.6, 7.7.7.7, 203.0.113.9");

        assertThat(ClientAddress.choose("6.6.6.6", header, 1, true)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.choose("6.6.6.6", header, 2, true)).isEqualTo("7.7.7.7");
    }

    @Test
    void entriesOfSeveralHeaderLinesCountInOrderAndAShortHeaderFallsBackToTheResolvedAddress() {
        assertThat(ClientAddress.choose("10.0.0.1", List.of("1.1.1.1", "2.2.2.2, 3.3.3.3"), 3, true)).isEqualTo("1.1.1.1");
        assertThat(ClientAddress.choose("10.0.0.1", List.of("1.1.1.1"), 2, true)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.choose("10.0.0.1", null, 1, true)).isEqualTo("10.0.0.1");
    }

    @Test
    void aHopCountsOnlyOnRequestsFromATrustedProxy() {
        List<String> forged = List.of("6.6.6.6, 7.7.7.7");

        assertThat(ClientAddress.choose("192.0.2.50", forged, 1, false)).isEqualTo("192.0.2.50");
        assertThat(ClientAddress.choose("192.0.2.50", forged, 2, false)).isEqualTo("192.0.2.50");
    }

    @ParameterizedTest
    @CsvSource({
            "198.51.100.7, 64, 198.51.100.7",
            "198.51.100.7:4711, 64, 198.51.100.7",
            "2001:db8:1:2::10, 64, 2001:db8:1:2:0:0:0:0/64",
            "[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443, 64, 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:2::10, 48, 2001:db8:1:0:0:0:0:0/48",
            "2001:db8:1:2::10, 128, 2001:db8:1:2:0:0:0:10/128",
            "fe80::1%eth0, 64, fe80:0:0:0:0:0:0:0/64",
            "not-an-address, 64, not-an-address"
    })
    void ipv4CountsPerAddressAndIpv6PerPrefix(String address, int prefix, String subject) {
        assertThat(ClientAddress.subject(address, prefix)).isEqualTo(subject);
    }

    @Test
    void twoAddressesOfOneSlash64ShareASubjectAndTheNextSlash64DoesNot() {
        assertThat(ClientAddress.subject("2001:db8:1:2::10", 64)).isEqualTo(ClientAddress.subject("2001:db8:1:2:ffff::20", 64));
        assertThat(ClientAddress.subject("2001:db8:1:2::10", 64)).isNotEqualTo(ClientAddress.subject("2001:db8:1:3::10", 64));
    }
}
