package org.pimaccess.keycloak.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process, user plus system, from {@code /proc/<pid>/stat} (Linux). */
final class ServerCpu {

    private final Path stat;
    private final double ticksPerSecond;

    ServerCpu(long pid) {
        this.stat = Path.of("/proc/" + pid + "/stat");
        this.ticksPerSecond = clockTicks();
    }

    /** Seconds of CPU the process has used so far. */
    double seconds() {
        try {
            String line = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / ticksPerSecond;
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
