package org.jgateway.bench.proc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live objects by class ({@code jcmd PID GC.class_histogram}, which runs a full GC first): instances and bytes per
 * class name. Classes of the same name from different class loaders (or processes) are added together. The
 * difference of two histograms around opening N connections is what the connections cost, class by class.
 */
public final class ClassHistogram {

    /** One class's figures; in a difference both may be negative. */
    public record Entry(String className, long instances, long bytes) {
    }

    /** {@code    1:         19723        1860960  [B (java.base@17.0.15)}: the module suffix is dropped. */
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

    private final Map<String, Entry> entries;

    private ClassHistogram(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** An empty histogram (nothing measured). */
    public static ClassHistogram empty() {
        return new ClassHistogram(Map.of());
    }

    /** The live objects of JVM {@code pid} now (takes a full GC). */
    public static ClassHistogram of(long pid) throws IOException {
        return parse(Jcmd.run(pid, "GC.class_histogram"));
    }

    /** Parses the output of {@code GC.class_histogram}. */
    public static ClassHistogram parse(String text) {
        Map<String, Entry> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                add(entries, new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), 1);
            }
        }
        return new ClassHistogram(entries);
    }

    /** This histogram plus {@code other}, class by class (e.g. the gateway JVM and the worker JVM). */
    public ClassHistogram plus(ClassHistogram other) {
        return combine(other, 1);
    }

    /** This histogram minus {@code other}, class by class. */
    public ClassHistogram minus(ClassHistogram other) {
        return combine(other, -1);
    }

    /** Bytes of all classes. */
    public long totalBytes() {
        return entries.values().stream().mapToLong(Entry::bytes).sum();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The {@code n} classes with the most bytes, largest first. */
    public List<Entry> top(int n) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::bytes).reversed().thenComparing(Entry::className));
        return sorted.subList(0, Math.min(n, sorted.size()));
    }

    /**
     * A table of the {@code n} largest classes with instances and bytes divided by {@code perCount} (e.g. the
     * number of connections), and the total.
     */
    public String table(int n, long perCount) {
        double per = Math.max(1, perCount);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%4s %12s %12s %14s  %s%n", "rank", "inst/conn", "bytes/conn",
                "bytes", "class"));
        int rank = 0;
        long shown = 0;
        for (Entry e : top(n)) {
            shown += e.bytes();
            sb.append(String.format(Locale.ROOT, "%4d %12.2f %12.1f %14d  %s%n", ++rank, e.instances() / per,
                    e.bytes() / per, e.bytes(), e.className()));
        }
        long total = totalBytes();
        sb.append(String.format(Locale.ROOT, "%4s %12s %12.1f %14d  %s%n", "", "", (total - shown) / per,
                total - shown, "(all other classes)"));
        sb.append(String.format(Locale.ROOT, "%4s %12s %12.1f %14d  %s%n", "", "", total / per, total, "TOTAL"));
        return sb.toString();
    }

    private ClassHistogram combine(ClassHistogram other, int sign) {
        Map<String, Entry> result = new HashMap<>(entries);
        for (Entry e : other.entries.values()) {
            add(result, e, sign);
        }
        return new ClassHistogram(result);
    }

    private static void add(Map<String, Entry> into, Entry e, int sign) {
        into.merge(e.className(), new Entry(e.className(), sign * e.instances(), sign * e.bytes()),
                (a, b) -> new Entry(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes()));
    }
}
