package org.jgateway.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: a full GC ({@code jcmd PID GC.run}) then the used heap from {@code GC.heap_info}.
 * After a full GC "used" is what the live objects occupy, independent of how much heap the JVM happened to commit.
 */
public final class JvmHeap {

    /** G1, Parallel and Serial print each heap space as {@code <name> total 524288K, used 123456K}. */
    private static final Pattern TOTAL_USED = Pattern.compile("\\btotal (\\d+)K, used (\\d+)K");
    /** ZGC prints {@code ZHeap used 8M, capacity 256M, max capacity 256M}. */
    private static final Pattern Z_USED = Pattern.compile("ZHeap\\s+used (\\d+)M");

    private JvmHeap() {
    }

    /** True when {@code pid} is a HotSpot JVM (it has libjvm mapped), i.e. jcmd can be asked about it. */
    public static boolean isJvm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"), StandardCharsets.ISO_8859_1)
                    .contains("/libjvm.so");
        } catch (IOException e) {
            return false;
        }
    }

    /** The JVM's heap sizing flags. */
    public static HeapSetup setup(long pid) throws IOException {
        return HeapSetup.parse(Jcmd.run(pid, "VM.flags"));
    }

    /** Runs a full GC, then returns the bytes of heap in use. */
    public static long liveBytes(long pid) throws IOException {
        Jcmd.run(pid, "GC.run");
        long used = usedBytes(Jcmd.run(pid, "GC.heap_info"));
        if (used < 0) {
            throw new IOException("no heap total line in GC.heap_info of " + pid);
        }
        return used;
    }

    /**
     * Returns the C heap's free memory to the OS ({@code jcmd PID System.trim_native_heap}, glibc only), so that memory
     * the JVM freed (compiler arenas, GC work lists, the last histogram's tables) does not linger in RSS and blur an
     * RSS difference. False when the JVM or the C library cannot.
     */
    public static boolean trimNativeHeap(long pid) {
        try {
            return !Jcmd.run(pid, "System.trim_native_heap").contains("not available");
        } catch (IOException e) {
            return false;
        }
    }

    /** The sum of "used" over the heap spaces of a {@code GC.heap_info} output, in bytes; -1 when none is found. */
    public static long usedBytes(String heapInfo) {
        long usedKb = -1;
        Matcher m = TOTAL_USED.matcher(heapInfo);
        while (m.find()) {
            usedKb = Math.max(usedKb, 0) + Long.parseLong(m.group(2));
        }
        if (usedKb >= 0) {
            return usedKb * 1024;
        }
        Matcher z = Z_USED.matcher(heapInfo);
        return z.find() ? Long.parseLong(z.group(1)) * 1024 * 1024 : -1;
    }
}
