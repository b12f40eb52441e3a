package org.jgateway.test;

import java.lang.management.ManagementFactory;

/** Heap bytes allocated by the calling thread, as HotSpot counts them (its TLABs and direct allocations). */
public final class Allocations {

    private Allocations() {
    }

    /** Bytes the calling thread allocated while running {@code action}. */
    public static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = threads();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads;
        }
        throw new IllegalStateException("this JVM does not measure allocation per thread: run the tests on HotSpot");
    }
}
