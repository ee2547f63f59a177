package org.pimaccess.keycloak.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyTrustTest {

    @Test
    void addressesAndRangesAreNotLookedUp() {
        assertThat(ProxyTrust.lookedUpPerRequest("10.0.0.2, 10.0.0.0/8,127.0.0.1:8443,::1/128,[::1],[2001:db8::5]:443,localhost"))
                .isEmpty();
    }

    @Test
    void ipv6WithoutBracketsIsLookedUpOnEveryRequest() {
        assertThat(ProxyTrust.lookedUpPerRequest("127.0.0.1,::1,2001:db8::5, fd00::2"))
                .containsExactly("::1", "2001:db8::5", "fd00::2");
    }
}
