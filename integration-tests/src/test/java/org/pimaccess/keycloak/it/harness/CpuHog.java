package org.pimaccess.keycloak.it.harness;

/**
 * Busy-loop threads that keep CPU cores busy for the whole test run, so that the tests meet a loaded
 * machine on purpose: slow server starts, requests that queue, threads that interleave in unusual orders.
 * Asked for with the system property {@code pim.it.cpu-hog} or the environment variable
 * {@code PIM_IT_CPU_HOG}: the number of cores to load (0, the default, loads none). The threads are
 * daemons at normal priority and end with the test JVM.
 */
public final class CpuHog {

    public static final String PROPERTY = "pim.it.cpu-hog";
    public static final String ENVIRONMENT = "PIM_IT_CPU_HOG";

    private static boolean started;

    private CpuHog() {
    }

    /** Starts the asked number of busy threads once per JVM; later calls do nothing. */
    public static synchronized void startIfAsked() {
        if (started) {
            return;
        }
        started = true;
        int cores = asked();
        for (int i = 0; i < cores; i++) {
            Thread hog = new Thread(CpuHog::spin, "pim-it-cpu-hog-" + i);
            hog.setDaemon(true);
            hog.start();
        }
        if (cores > 0) {
            System.out.println("CPU hog: " + cores + " busy thread(s) load the machine for this test run");
        }
    }

    private static int asked() {
        String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " / " + ENVIRONMENT + " must be a number of cores, not " + value, e);
        }
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void spin() {
        long x = 1;
        while (true) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 42) {
                Thread.onSpinWait();
            }
        }
    }
}
