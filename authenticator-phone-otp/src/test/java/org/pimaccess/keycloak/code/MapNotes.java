package org.pimaccess.keycloak.code;

import java.util.HashMap;
import java.util.Map;

final class MapNotes implements CodeChallenge.Notes {

    final Map<String, String> values = new HashMap<>();

    @Override
    public String get(String name) {
        return values.get(name);
    }

    @Override
    public void set(String name, String value) {
        values.put(name, value);
    }

    @Override
    public void remove(String name) {
        values.remove(name);
    }
}
