package org.pimaccess.keycloak.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latencies of named steps, in milliseconds, safe to record from many threads. */
final class Latencies {

    private final Map<String, List<Double>> byStep = new LinkedHashMap<>();

    synchronized void record(String step, long startNanos) {
        byStep.computeIfAbsent(step, key -> new ArrayList<>()).add((System.nanoTime() - startNanos) / 1e6);
    }

    synchronized List<String> steps() {
        return List.copyOf(byStep.keySet());
    }

    synchronized double percentile(String step, double p) {
        List<Double> sorted = new ArrayList<>(byStep.getOrDefault(step, List.of()));
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
