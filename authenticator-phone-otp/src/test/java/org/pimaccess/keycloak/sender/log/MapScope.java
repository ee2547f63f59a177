package org.pimaccess.keycloak.sender.log;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.keycloak.Config;

/**
 * A provider configuration scope backed by a map, as {@code --spi-...} options would give it. It implements
 * the interface itself: {@code Config.AbstractScope} exists only from Keycloak 26.5, and the pack compiles
 * against 26.4.
 */
final class MapScope implements Config.Scope {

    private final Map<String, String> values;

    MapScope(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public String get(String key, String defaultValue) {
        return value(key, Function.identity(), defaultValue);
    }

    @Override
    public String[] getArray(String key) {
        return value(key, s -> s.split("\\s*,\\s*"), null);
    }

    @Override
    public Integer getInt(String key) {
        return getInt(key, null);
    }

    @Override
    public Integer getInt(String key, Integer defaultValue) {
        return value(key, Integer::valueOf, defaultValue);
    }

    @Override
    public Long getLong(String key) {
        return getLong(key, null);
    }

    @Override
    public Long getLong(String key, Long defaultValue) {
        return value(key, Long::valueOf, defaultValue);
    }

    @Override
    public Boolean getBoolean(String key) {
        return getBoolean(key, null);
    }

    @Override
    public Boolean getBoolean(String key, Boolean defaultValue) {
        return value(key, Boolean::valueOf, defaultValue);
    }

    @Override
    public Config.Scope scope(String... scope) {
        throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Config.Scope root() {
        throw new UnsupportedOperationException();
    }

    private <T> T value(String key, Function<String, T> conversion, T defaultValue) {
        return Optional.ofNullable(get(key)).map(conversion).orElse(defaultValue);
    }
}
