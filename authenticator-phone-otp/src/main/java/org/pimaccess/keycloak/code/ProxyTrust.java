package org.pimaccess.keycloak.code;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
public final class ProxyTrust {

    private static final Logger LOG = Logger.getLogger(ProxyTrust.class);
    private static final String OPTION = "kc.proxy-trusted-addresses";

    /** What Quarkus takes as an address without asking DNS: a CIDR range, IPv4, bracketed IPv6, an optional port. */
    private static final Pattern CIDR = Pattern.compile(".+/\\d+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+](:\\d+)?");

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

    /** Reads the option at start-up, so that what {@link #lookedUpPerRequest} finds is logged then. */
    public static void readAtStart() {
        configured();
    }

    /**
     * The entries of {@code proxy-trusted-addresses} that Quarkus looks up in DNS on every request.
     * Keycloak accepts only addresses and CIDR ranges there, but Quarkus reads an IPv6 address without
     * brackets ({@code ::1}) as a host name and a port: it looks that up on every request, through a DNS
     * client it does not close, so every request leaves a UDP socket open until the server runs out of
     * file descriptors (keycloak/keycloak#52968). A range ({@code ::1/128}) or brackets ({@code [::1]}) avoid it.
     */
    static List<String> lookedUpPerRequest(String addresses) {
        return Arrays.stream(addresses.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty() && !entry.equals("localhost"))
                .filter(entry -> !CIDR.matcher(entry).matches() && !IPV4.matcher(entry).matches()
                        && !BRACKETED_IPV6.matcher(entry).matches())
                .toList();
    }

    private static final class Configured {
        static final boolean VALUE = read();

        private static boolean read() {
            try {
                Optional<String> addresses = ConfigProvider.getConfig().getOptionalValue(OPTION, String.class)
                        .filter(value -> !value.isBlank());
                addresses.map(ProxyTrust::lookedUpPerRequest).filter(entries -> !entries.isEmpty())
                        .ifPresent(entries -> LOG.warnf("proxy-trusted-addresses has '%s', which Keycloak's HTTP layer reads "
                                + "as a host name and looks up in DNS on every request, leaving a UDP socket open "
                                + "each time (keycloak/keycloak#52968): write an IPv6 address as a range (::1/128) "
                                + "or in brackets ([::1])", String.join("', '", entries)));
                return addresses.isPresent();
            } catch (RuntimeException noConfiguration) {
                LOG.warnf("Cannot read Keycloak's option proxy-trusted-addresses (%s): no proxy is trusted",
                        noConfiguration.toString());
                return false;
            }
        }
    }
}
