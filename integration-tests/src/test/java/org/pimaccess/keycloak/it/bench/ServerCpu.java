package org.pimaccess.keycloak.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of a process, user plus system, from {@code /proc/<pid>/stat} (Linux), in clock ticks; and in
 * nanoseconds from each thread's {@code schedstat}, precise enough for a single request.
 */
final class ServerCpu {

    private final Path stat;
    private final Path tasks;
    private final double ticksPerSecond;
    private final Map<String, ThreadKind> kinds = new ConcurrentHashMap<>();

    ServerCpu(long pid) {
        this.stat = Path.of("/proc/" + pid + "/stat");
        this.tasks = Path.of("/proc/" + pid + "/task");
        this.ticksPerSecond = clockTicks();
    }

    /** What a server thread does, by its name: the request's own work, or the JVM's around it. */
    enum ThreadKind {
        /** Quarkus's HTTP event loops and worker threads: the requests themselves. */
        REQUESTS,
        /** G1's threads: the collector. */
        GC,
        /** The C1 and C2 compilers. */
        JIT,
        /** The VM thread (safepoints), timers, caches' own threads. */
        OTHER;

        static ThreadKind of(String name) {
            if (name.startsWith("executor-thread") || name.startsWith("vert.x-")) {
                return REQUESTS;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return GC;
            }
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            return OTHER;
        }
    }

    /** One thread's CPU so far, and what it does. */
    record ThreadCpu(ThreadKind kind, long nanos) {
    }

    /**
     * Each live thread's CPU so far, by thread id, from {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds: precise
     * enough for a single request, where {@link #seconds()} counts clock ticks of 10 ms) and its name ({@code comm}).
     */
    Map<String, ThreadCpu> threads() {
        Map<String, ThreadCpu> byThread = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String line = Files.readString(thread.resolve("schedstat"));
                    ThreadKind kind = kinds.computeIfAbsent(thread.getFileName().toString(), tid -> kindOf(thread));
                    byThread.put(thread.getFileName().toString(),
                            new ThreadCpu(kind, Long.parseLong(line.substring(0, line.indexOf(' ')))));
                } catch (NoSuchFileException | UncheckedIOException ended) {
                    // the thread ended while we read the others
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byThread;
    }

    /**
     * Nanoseconds of CPU the process's threads used since {@code before}, by kind of thread: a thread started since
     * counts whole, one that ended since is missing, so this is for a short span with the server otherwise idle (one
     * request at a time).
     */
    Map<ThreadKind, Long> nanosSince(Map<String, ThreadCpu> before) {
        Map<ThreadKind, Long> byKind = new EnumMap<>(ThreadKind.class);
        for (ThreadKind kind : ThreadKind.values()) {
            byKind.put(kind, 0L);
        }
        for (Map.Entry<String, ThreadCpu> thread : threads().entrySet()) {
            ThreadCpu earlier = before.get(thread.getKey());
            byKind.merge(thread.getValue().kind(), thread.getValue().nanos() - (earlier == null ? 0 : earlier.nanos()), Long::sum);
        }
        return byKind;
    }

    private static ThreadKind kindOf(Path thread) {
        try {
            return ThreadKind.of(Files.readString(thread.resolve("comm")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds of CPU the process has used so far. */
    double seconds() {
        long[] userAndSystem = userAndSystemTicks();
        return (userAndSystem[0] + userAndSystem[1]) / ticksPerSecond;
    }

    /** Seconds of CPU the process has used so far in the kernel (system calls: sockets, files; page faults). */
    double systemSeconds() {
        return userAndSystemTicks()[1] / ticksPerSecond;
    }

    private long[] userAndSystemTicks() {
        try {
            String line = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Double.parseDouble(ticks);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
