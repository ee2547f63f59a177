package org.pimaccess.keycloak.it.pages;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A browser's cookie jar for one test profile: cookies per host by name, sent back on every request
 * to that host. The JDK's CookieManager refuses cookies for {@code localhost} and plain-HTTP
 * {@code Secure} cookies, which a real browser accepts for localhost.
 */
final class CookieJar extends CookieHandler {

    private final Map<String, Map<String, String>> cookiesByHost = new ConcurrentHashMap<>();
    /** Names of cookies that outlive the browser (Max-Age or Expires), per host. */
    private final Map<String, Set<String>> persistentByHost = new ConcurrentHashMap<>();

    /** The browser closed and opened again: only cookies with Max-Age or Expires are left. */
    void restart() {
        cookiesByHost.forEach((host, cookies) -> cookies.keySet().retainAll(persistentByHost.getOrDefault(host, Set.of())));
    }

    Map<String, String> cookies(String host) {
        return Map.copyOf(cookiesByHost.getOrDefault(host, Map.of()));
    }

    /** A cookie set by hand, as a person copying one from another browser would; it outlives a restart. */
    void put(String host, String name, String value) {
        cookiesByHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(name, value);
        persistentByHost.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(name);
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> cookies = cookiesByHost.getOrDefault(uri.getHost(), Map.of());
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of("Cookie", List.of(cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        Map<String, String> cookies = cookiesByHost.computeIfAbsent(uri.getHost(), host -> new ConcurrentHashMap<>());
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String header : values) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        Set<String> persistent = persistentByHost.computeIfAbsent(uri.getHost(), h -> ConcurrentHashMap.newKeySet());
                        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                            cookies.remove(cookie.getName());
                            persistent.remove(cookie.getName());
                        } else {
                            cookies.put(cookie.getName(), cookie.getValue());
                            if (cookie.getMaxAge() > 0) {
                                persistent.add(cookie.getName());
                            } else {
                                persistent.remove(cookie.getName());
                            }
                        }
                    }
                }
            }
        });
    }
}
