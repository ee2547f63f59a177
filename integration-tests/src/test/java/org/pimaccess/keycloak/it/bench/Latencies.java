package org.pimaccess.keycloak.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Latencies of named steps, in milliseconds, safe to record from many threads; one at a time, also the server's
 * CPU of each step.
 */
final class Latencies {

    private final Map<String, List<Double>> byStep = new LinkedHashMap<>();
    private final Map<String, List<Map<ServerCpu.ThreadKind, Long>>> cpuByStep = new LinkedHashMap<>();

    synchronized void record(String step, long startNanos) {
        byStep.computeIfAbsent(step, key -> new ArrayList<>()).add((System.nanoTime() - startNanos) / 1e6);
    }

    /** The server's CPU in one step, in nanoseconds by kind of thread. */
    synchronized void recordCpu(String step, Map<ServerCpu.ThreadKind, Long> nanosByKind) {
        cpuByStep.computeIfAbsent(step, key -> new ArrayList<>()).add(nanosByKind);
    }

    /** The server's mean CPU in ms for this step, of these kinds of thread; NaN when it was not measured (under load). */
    synchronized double cpuMean(String step, Set<ServerCpu.ThreadKind> kinds) {
        return cpuByStep.getOrDefault(step, List.of()).stream()
                .mapToDouble(byKind -> kinds.stream().mapToLong(kind -> byKind.getOrDefault(kind, 0L)).sum() / 1e6)
                .average().orElse(Double.NaN);
    }

    /**
     * Percentile {@code p} of the step's time over the steps during which the server's JIT compilers used less than
     * {@code jitMillis} of CPU, and how many such steps there were.
     */
    synchronized double[] percentileWithoutJit(String step, double p, double jitMillis) {
        List<Double> times = byStep.getOrDefault(step, List.of());
        List<Map<ServerCpu.ThreadKind, Long>> cpu = cpuByStep.getOrDefault(step, List.of());
        if (times.isEmpty() || times.size() != cpu.size()) {
            return new double[] {Double.NaN, 0};
        }
        List<Double> quiet = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            if (cpu.get(i).getOrDefault(ServerCpu.ThreadKind.JIT, 0L) / 1e6 < jitMillis) {
                quiet.add(times.get(i));
            }
        }
        return new double[] {percentileOf(quiet, p), quiet.size()};
    }

    /** Percentile {@code p} of the server's CPU in ms, all threads, in this step. */
    synchronized double cpuPercentile(String step, double p) {
        return percentileOf(cpuByStep.getOrDefault(step, List.of()).stream()
                .map(byKind -> byKind.values().stream().mapToLong(Long::longValue).sum() / 1e6).toList(), p);
    }

    /**
     * Percentile {@code p} of the step's time less the server's CPU in it, one at a time: the time the server spent
     * waiting (for the gateway fake, for a core) rather than working.
     */
    synchronized double waitPercentile(String step, double p) {
        List<Double> times = byStep.getOrDefault(step, List.of());
        List<Map<ServerCpu.ThreadKind, Long>> cpu = cpuByStep.getOrDefault(step, List.of());
        if (times.isEmpty() || times.size() != cpu.size()) {
            return Double.NaN;
        }
        List<Double> waits = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            waits.add(times.get(i) - cpu.get(i).values().stream().mapToLong(Long::longValue).sum() / 1e6);
        }
        return percentileOf(waits, p);
    }

    synchronized int count(String step) {
        return byStep.getOrDefault(step, List.of()).size();
    }

    synchronized List<String> steps() {
        return List.copyOf(byStep.keySet());
    }

    synchronized double percentile(String step, double p) {
        return percentileOf(byStep.getOrDefault(step, List.of()), p);
    }

    private static double percentileOf(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
