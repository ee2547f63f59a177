package org.pimaccess.keycloak.sender.log;

import java.util.Map;
import java.util.Set;

import org.keycloak.Config;

/** A provider configuration scope backed by a map, as {@code --spi-...} options would give it. */
final class MapScope extends Config.AbstractScope {

    private final Map<String, String> values;

    MapScope(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String get(String key) {
        return values.get(key);
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
}
