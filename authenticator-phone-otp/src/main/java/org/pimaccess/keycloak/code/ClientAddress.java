package org.pimaccess.keycloak.code;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client address that the per-IP cap counts, and the subject it counts it under.
 *
 * <p><b>Which address.</b> By default the one Keycloak resolved (with {@code --proxy-headers=xforwarded}
 * that is the left-most {@code X-Forwarded-For} entry of a trusted proxy's request, which a client can
 * write itself when the proxy appends to the header). With {@code client-address-hop} = n, it is the
 * n-th entry from the right of {@code X-Forwarded-For}: the entry the operator's own proxy wrote,
 * which a client cannot forge. A hop counts only on a request whose direct peer is a trusted proxy
 * ({@link ProxyTrust}); any other request counts by the address Keycloak resolved, whatever headers
 * it carries.
 *
 * <p><b>Under which subject.</b> An IPv4 address counts on its own; an IPv6 address counts for its
 * whole prefix ({@code /64} by default), since one subscriber gets at least a /64 and can use any
 * address in it.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientAddress() {
    }

    /**
     * The address to count: the {@code hop}-th entry from the right of the {@code X-Forwarded-For}
     * values of a request that a trusted proxy sent, or the resolved remote address when {@code hop} is
     * 0, the request did not come from a trusted proxy, or the header is shorter.
     */
    public static String choose(String remoteAddress, List<String> forwardedFor, int hop, boolean fromTrustedProxy) {
        if (hop <= 0 || !fromTrustedProxy || forwardedFor == null) {
            return remoteAddress;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries.size() < hop ? remoteAddress : entries.get(entries.size() - hop);
    }

    /** What the cap counts for this address: the IPv4 address, or the IPv6 prefix of that length. */
    public static String subject(String address, int ipv6PrefixLength) {
        if (address == null) {
            return null;
        }
        String host = withoutPort(address);
        if (IPV4.matcher(host).matches()) {
            return host;
        }
        if (!host.contains(":") || !IPV6.matcher(host).matches()) {
            return host.toLowerCase(Locale.ROOT);
        }
        try {
            // A literal of hex digits, colons and dots only: parsed, never looked up.
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            int bits = Math.max(0, Math.min(128, ipv6PrefixLength));
            for (int i = 0; i < 16; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                bytes[i] &= (byte) (0xff << (8 - keep));
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /** {@code [v6]:port} and {@code v4:port}, as some proxies write them, without the port. */
    private static String withoutPort(String address) {
        String value = address.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':') && IPV4.matcher(value.substring(0, colon)).matches()) {
            return value.substring(0, colon);
        }
        int zone = value.indexOf('%');
        return zone > 0 ? value.substring(0, zone) : value;
    }
}
