package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.UntrustedPeer;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Forwarded addresses count only from the proxy Keycloak trusts. The test server runs with
 * {@code --proxy-trusted-addresses} set to loopback's 127.0.0.1 (and ::1/128), where the tests stand in for
 * the proxy; {@link UntrustedPeer} reaches it from 127.0.0.2, as a client that skips the proxy.
 */
@PimKeycloakTest
class TrustedProxyIT {

    private static final String TOO_MANY = "Too many codes were sent recently.";

    @Test
    void aClientThatSkipsTheProxyCountsByItsOwnAddressWhateverForwardedHeadersItWrites(PimKeycloak keycloak)
            throws Exception {
        try (UntrustedPeer direct = UntrustedPeer.start(keycloak);
             AutoCloseable http = RealmSettings.change(keycloak.realm(), realm -> realm.setSslRequired("none"));
             AutoCloseable capOfOne = keycloak.phoneOtpSettings().change(Map.of("ip-send-cap", "1", "client-address-hop", "1"))) {
            assertThat(sendThrough(keycloak, direct, "192.0.2.10, 203.0.113.10").hasForm("pim-phone-otp-code")).isTrue();

            Page forged = sendThrough(keycloak, direct, "192.0.2.11, 203.0.113.11");
            assertThat(forged.hasForm("pim-phone-otp-code")).as("a fresh right-most entry from an untrusted peer").isFalse();
            assertThat(forged.errors()).contains(TOO_MANY);

            try (AutoCloseable hopZero = keycloak.phoneOtpSettings().change(Map.of("client-address-hop", "0"))) {
                Page leftMost = sendThrough(keycloak, direct, "198.51.100.12");
                assertThat(leftMost.hasForm("pim-phone-otp-code")).as("a fresh left-most entry from an untrusted peer").isFalse();
                assertThat(leftMost.errors()).contains(TOO_MANY);
            }

            assertThat(sendFromTheProxy(keycloak, "192.0.2.10, 203.0.113.13").hasForm("pim-phone-otp-code"))
                    .as("the trusted proxy's right-most entry is a client of its own").isTrue();
            Page sameClient = sendFromTheProxy(keycloak, "192.0.2.99, 203.0.113.13");
            assertThat(sameClient.hasForm("pim-phone-otp-code")).isFalse();
            assertThat(sameClient.errors()).contains(TOO_MANY);
        }
    }

    private static Page sendThrough(PimKeycloak keycloak, UntrustedPeer direct, String forwardedFor) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().routeTo(direct.uri());
        signIn.browser().header("X-Forwarded-For", forwardedFor);
        signIn.browser().header("X-Forwarded-Trusted-Proxy", "true");
        return send(keycloak, signIn);
    }

    private static Page sendFromTheProxy(PimKeycloak keycloak, String forwardedFor) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().header("X-Forwarded-For", forwardedFor);
        return send(keycloak, signIn);
    }

    private static Page send(PimKeycloak keycloak, SignIn signIn) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        signIn.open("pim");
        return signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
    }
}
