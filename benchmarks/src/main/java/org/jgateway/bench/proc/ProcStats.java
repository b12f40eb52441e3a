package org.jgateway.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process from Linux {@code /proc}. The server and the generator share the
 * machine, so CPU time per message, not wall-clock rate, is the figure that repeats from run to run.
 */
public final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /** utime + stime of {@code pid} in microseconds, or -1 when the process cannot be read. */
    public static long cpuMicros(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return -1;
        }
        // The command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000L / CLOCK_TICKS;
    }

    /** The summed CPU of several processes in µs; -1 when there are none or one cannot be read. */
    public static long cpuMicros(long[] pids) {
        return sum(pids, ProcStats::cpuMicros);
    }

    /** The summed VmRSS of several processes in kB; -1 when there are none or one cannot be read. */
    public static long rssKb(long[] pids) {
        return sum(pids, ProcStats::rssKb);
    }

    /** Pids from a comma-separated list ({@code --pid 123,456}); "0" or empty means none. */
    public static long[] parsePids(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).filter(p -> p > 0).toArray();
    }

    private static long sum(long[] pids, java.util.function.LongUnaryOperator read) {
        if (pids.length == 0) {
            return -1;
        }
        long total = 0;
        for (long pid : pids) {
            long v = read.applyAsLong(pid);
            if (v < 0) {
                return -1;
            }
            total += v;
        }
        return total;
    }

    /** VmRSS of {@code pid} in kilobytes, or -1 when the process cannot be read. */
    public static long rssKb(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return -1;
    }

    /** The 1-minute load average of the machine, NaN when unreadable. */
    public static double loadAverage1m() {
        String load = read(Path.of("/proc/loadavg"));
        return load == null ? Double.NaN : Double.parseDouble(load.split(" ")[0]);
    }

    public static long self() {
        return ProcessHandle.current().pid();
    }

    public static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
