package org.jgateway.bench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jgateway.bench.proc.CpuWindow;

/**
 * The figures of one scenario run, in insertion order: numbers (rates, µs of CPU, latency in ms, counts) keyed by
 * a short name, so that a suite can take medians of runs and print them as a table.
 */
public final class Result {

    private final String scenario;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    /** Words that qualify the figures (e.g. which memory method applied); printed after them. */
    private final Map<String, String> notes = new LinkedHashMap<>();

    public Result(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    public Result put(String name, double value) {
        figures.put(name, value);
        return this;
    }

    public double get(String name) {
        return figures.getOrDefault(name, Double.NaN);
    }

    public Map<String, Double> figures() {
        return figures;
    }

    /** Adds a qualifying text, e.g. how a figure was measured; text must not be a number. */
    public Result note(String name, String text) {
        notes.put(name, text);
        return this;
    }

    /** The note {@code name}, or null. */
    public String note(String name) {
        return notes.get(name);
    }

    public Map<String, String> notes() {
        return notes;
    }

    /** p50, p90, p99, p99.9 and max in milliseconds from a histogram of nanoseconds. */
    public Result latency(Histogram nanos) {
        put("samples", nanos.getTotalCount());
        put("p50_ms", ms(nanos.getValueAtPercentile(50)));
        put("p90_ms", ms(nanos.getValueAtPercentile(90)));
        put("p99_ms", ms(nanos.getValueAtPercentile(99)));
        put("p99.9_ms", ms(nanos.getValueAtPercentile(99.9)));
        put("max_ms", ms(nanos.getMaxValue()));
        return this;
    }

    /** Server and generator CPU per operation (µs) and as a share of a core. */
    public Result cpu(CpuWindow cpu, long operations, String unit) {
        put("server_us_per_" + unit, cpu.serverPer(operations));
        put("gen_us_per_" + unit, cpu.selfPer(operations));
        put("server_cores", cpu.serverCores());
        put("gen_cores", cpu.selfCores());
        return this;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scenario).append(':');
        figures.forEach((k, v) -> sb.append("\n  ").append(String.format(Locale.ROOT, "%-22s %s", k, format(v))));
        notes.forEach((k, v) -> sb.append("\n  ").append(String.format(Locale.ROOT, "%-22s %s", k, v)));
        return sb.toString();
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
