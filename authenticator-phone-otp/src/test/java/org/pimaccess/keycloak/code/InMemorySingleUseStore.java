package org.pimaccess.keycloak.code;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/** Keycloak's single-use store, with lifespans on a test clock. */
final class InMemorySingleUseStore implements SingleUseObjectProvider {

    private record Entry(long expiresAt, Map<String, String> notes) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final MutableClock clock;

    InMemorySingleUseStore(MutableClock clock) {
        this.clock = clock;
    }

    /** Keys of the entries still alive. */
    java.util.List<String> keys() {
        return entries.keySet().stream().filter(key -> live(key) != null).toList();
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(clock.millis() + lifespanSeconds * 1000, notes));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry entry = live(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry entry = entries.remove(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        Entry entry = live(key);
        if (entry == null) {
            return false;
        }
        entries.put(key, new Entry(entry.expiresAt(), notes));
        return true;
    }

    /** How many {@code putIfAbsent} calls were made: each is a cache operation on a real server. */
    int putIfAbsentCalls;

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        putIfAbsentCalls++;
        if (live(key) != null) {
            return false;
        }
        put(key, lifespanInSeconds, Map.of());
        return true;
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    @Override
    public void close() {
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() <= clock.millis()) {
            entries.remove(key);
            return null;
        }
        return entry;
    }
}
