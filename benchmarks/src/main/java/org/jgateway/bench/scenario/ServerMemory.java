package org.jgateway.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jgateway.bench.proc.ClassHistogram;
import org.jgateway.bench.proc.HeapSetup;
import org.jgateway.bench.proc.JvmHeap;
import org.jgateway.bench.proc.ProcStats;
import org.jgateway.bench.report.Result;

/**
 * What the server's processes hold in memory before and after opening connections, and the per-connection figures
 * drawn from the difference.
 * <ul>
 *   <li>{@code rss_per_conn_kb}: VmRSS difference (every server). For a JVM whose heap may grow this is mostly
 *       heap growth, which depends on how much heap was committed before the run.</li>
 *   <li>{@code heap_live_per_conn_b}: difference of the used heap after a full GC ({@code jcmd GC.run}), i.e. the
 *       connections' live Java objects (JVMs only).</li>
 *   <li>{@code mem_per_conn_kb}: live heap plus RSS difference, when every JVM runs with a fixed, pre-touched heap
 *       ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}): its heap is then resident in full before the
 *       run, so the RSS difference is off-heap growth only (direct buffers, native memory, metaspace). For a
 *       process that is not a JVM (PHP) it is the RSS difference. Kernel socket buffers are in no process's RSS and
 *       are not counted for any server.</li>
 * </ul>
 * Before reading RSS each JVM's C heap is trimmed (glibc), in both snapshots alike, so that native memory freed
 * before the read does not count. Unreadable pids (e.g. no server pid given) leave the figures out.
 */
final class ServerMemory {

    static final String RSS_ONLY = "rss (no JVM: the RSS difference is all of it)";
    static final String HEAP_PLUS_OFF_HEAP = "heap live after full GC + RSS difference (fixed, pre-touched heap: off-heap only)";
    static final String HEAP_ONLY = "heap live after full GC only (heap not fixed or not pre-touched, so the RSS difference"
            + " includes heap growth: run the server with -Xms=-Xmx -XX:+AlwaysPreTouch for mem_per_conn_kb)";

    /** The server's memory at one moment; -1 where not measured; trimmed: every JVM's C heap was trimmed first. */
    record Snapshot(long rssKb, long liveHeapBytes, ClassHistogram histogram, boolean trimmed) {
    }

    private final long[] pids;
    private final long[] jvmPids;
    private final boolean allHeapsFixed;
    private final boolean histogram;

    private ServerMemory(long[] pids, long[] jvmPids, boolean allHeapsFixed, boolean histogram) {
        this.pids = pids;
        this.jvmPids = jvmPids;
        this.allHeapsFixed = allHeapsFixed;
        this.histogram = histogram;
    }

    /** Looks at the server's processes: which are JVMs, and how their heaps are set up. */
    static ServerMemory of(long[] pids, boolean histogram) {
        long[] jvms = Arrays.stream(pids).filter(JvmHeap::isJvm).toArray();
        boolean fixed = true;
        for (long pid : jvms) {
            try {
                HeapSetup setup = JvmHeap.setup(pid);
                fixed &= setup.fixedAndTouched();
            } catch (IOException e) {
                System.err.println("cannot read the heap flags of " + pid + ": " + e.getMessage());
                fixed = false;
            }
        }
        return new ServerMemory(pids, jvms, fixed, histogram && jvms.length > 0);
    }

    /** Which method {@code mem_per_conn_kb} follows for this server. */
    String method() {
        if (jvmPids.length == 0) {
            return RSS_ONLY;
        }
        return allHeapsFixed ? HEAP_PLUS_OFF_HEAP : HEAP_ONLY;
    }

    /**
     * Collects garbage in each JVM, then reads live heap, (optionally) the class histogram, trims the C heap and reads
     * RSS: RSS last, so that both snapshots read it in the same state (after a full GC, freed native memory returned).
     */
    Snapshot snapshot() {
        long live = jvmPids.length == 0 ? -1 : 0;
        ClassHistogram classes = ClassHistogram.empty();
        boolean trimmed = jvmPids.length > 0;
        for (long pid : jvmPids) {
            try {
                long bytes = JvmHeap.liveBytes(pid);
                live = live < 0 ? -1 : live + bytes;
                if (histogram) {
                    classes = classes.plus(ClassHistogram.of(pid));
                }
            } catch (IOException e) {
                System.err.println("cannot read the heap of " + pid + ": " + e.getMessage());
                live = -1;
            }
            trimmed &= JvmHeap.trimNativeHeap(pid);
        }
        return new Snapshot(pids.length == 0 ? -1 : ProcStats.rssKb(pids), live, classes, trimmed);
    }

    /** Adds the memory figures of {@code conns} connections opened between the two snapshots. */
    void report(Result result, Snapshot before, Snapshot after, int conns) {
        boolean rss = before.rssKb() >= 0 && after.rssKb() >= 0 && conns > 0;
        boolean heap = before.liveHeapBytes() >= 0 && after.liveHeapBytes() >= 0 && conns > 0;
        double rssPerConnKb = rss ? (after.rssKb() - before.rssKb()) / (double) conns : Double.NaN;
        double heapPerConnB = heap ? (after.liveHeapBytes() - before.liveHeapBytes()) / (double) conns : Double.NaN;
        double memPerConnKb = switch (method()) {
            case RSS_ONLY -> rssPerConnKb;
            case HEAP_PLUS_OFF_HEAP -> heapPerConnB / 1024 + rssPerConnKb;
            default -> Double.NaN;
        };
        result.put("server_rss_before_mb", before.rssKb() < 0 ? Double.NaN : before.rssKb() / 1024.0)
                .put("server_rss_after_mb", after.rssKb() < 0 ? Double.NaN : after.rssKb() / 1024.0)
                .put("rss_per_conn_kb", rssPerConnKb);
        if (jvmPids.length > 0) {
            result.put("heap_live_before_mb", before.liveHeapBytes() < 0 ? Double.NaN : before.liveHeapBytes() / 1048576.0)
                    .put("heap_live_after_mb", after.liveHeapBytes() < 0 ? Double.NaN : after.liveHeapBytes() / 1048576.0)
                    .put("heap_live_per_conn_b", heapPerConnB);
        }
        result.put("mem_per_conn_kb", memPerConnKb);
        if (pids.length > 0) {
            result.note("memory_method", method());
        }
        if (jvmPids.length > 0) {
            result.note("c_heap_trimmed", before.trimmed() && after.trimmed() ? "yes" : "no");
        }
    }

    /** Writes the {@code top} classes of the histogram difference, per connection, to {@code file}. */
    void writeHistogram(Path file, Snapshot before, Snapshot after, int conns, String label, int top)
            throws IOException {
        ClassHistogram diff = after.histogram().minus(before.histogram());
        String header = "# " + label + ": live objects after minus before (GC.class_histogram after a full GC) of JVM pid(s) "
                + Arrays.stream(jvmPids).mapToObj(Long::toString).collect(Collectors.joining(","))
                + ", divided by " + conns + " connections\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, header + diff.table(top, conns), StandardCharsets.UTF_8);
    }

    boolean measuresHistogram() {
        return histogram;
    }
}
