package org.pimaccess.keycloak.code;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Whether a request came straight from a reverse proxy that Keycloak trusts. That is Keycloak's own
 * option {@code proxy-trusted-addresses}: when it is set, Keycloak (Quarkus) checks each request's
 * direct peer against it, ignores the forwarded headers of any other peer, and tells the outcome
 * through {@code HttpRequest.isProxyTrusted()}. Without the option Keycloak trusts every peer's
 * headers, so the pack trusts none: a client that reaches Keycloak directly could otherwise write its
 * own {@code X-Forwarded-For} and choose the address the per-IP cap counts.
 */
final class ProxyTrust {

    private static final Logger LOG = Logger.getLogger(ProxyTrust.class);
    private static final String OPTION = "kc.proxy-trusted-addresses";

    private ProxyTrust() {
    }

    /** True only when {@code proxy-trusted-addresses} is set and this request's direct peer is one of them. */
    static boolean fromTrustedProxy(KeycloakSession session) {
        return Configured.VALUE && session.getContext().getHttpRequest().isProxyTrusted();
    }

    /** Whether Keycloak runs with a list of trusted proxies; read once, as server options do not change. */
    static boolean configured() {
        return Configured.VALUE;
    }

    private static final class Configured {
        static final boolean VALUE = read();

        private static boolean read() {
            try {
                Optional<String> addresses = ConfigProvider.getConfig().getOptionalValue(OPTION, String.class);
                return addresses.filter(value -> !value.isBlank()).isPresent();
            } catch (RuntimeException noConfiguration) {
                LOG.warnf("Cannot read Keycloak's option proxy-trusted-addresses (%s): no proxy is trusted",
                        noConfiguration.toString());
                return false;
            }
        }
    }
}
