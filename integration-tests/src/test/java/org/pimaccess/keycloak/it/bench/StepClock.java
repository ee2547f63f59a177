package org.pimaccess.keycloak.it.bench;

import java.util.Map;

/**
 * Times the steps of one sign-in into {@link Latencies}. One at a time (with a {@link ServerCpu}), it also records
 * the server's CPU of each step: the server does nothing else then, so its threads' CPU over the step is the step's.
 * The reads of {@code /proc} come before the clock starts and after it stops, so they are in neither figure.
 */
final class StepClock {

    private final Latencies latencies;
    private final ServerCpu cpu;
    private long startNanos;
    private Map<String, ServerCpu.ThreadCpu> cpuStart;

    /** @param cpu the server's CPU, or null under load, where a step's CPU cannot be told from its neighbours' */
    StepClock(Latencies latencies, ServerCpu cpu) {
        this.latencies = latencies;
        this.cpu = cpu;
    }

    void start() {
        if (cpu != null) {
            cpuStart = cpu.threads();
        }
        startNanos = System.nanoTime();
    }

    void done(String step) {
        latencies.record(step, startNanos);
        if (cpu != null) {
            latencies.recordCpu(step, cpu.nanosSince(cpuStart));
        }
    }
}
