package org.jgateway.worker;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading events from the gateways while more than {@link WorkerOptions#maxPendingEvents()} wait to be
 * handled, and resumes once they are down to half of that: a worker that falls behind slows its gateways (TCP
 * backpressure) instead of queueing without bound.
 * <p>
 * The count a caller reports may already be stale when it arrives (an event loop adds while handler threads take
 * away), so a flip is decided under a lock against the count read afresh, and read once more after each flip: a late
 * "too many" can then never leave reads paused with nothing left to resume them.
 */
final class EventBackpressure {

    private static final Logger log = LoggerFactory.getLogger(EventBackpressure.class);

    private final String workerName;
    private final int maxPending;
    private final IntSupplier currentPending;
    private final Consumer<Boolean> reading;
    private final WorkerStats stats;
    private volatile boolean paused;

    /**
     * @param currentPending the number of events waiting now
     * @param reading        switches reading from the gateways on ({@code true}) or off
     */
    EventBackpressure(WorkerOptions options, IntSupplier currentPending, Consumer<Boolean> reading, WorkerStats stats) {
        this.workerName = options.name();
        this.maxPending = options.maxPendingEvents();
        this.currentPending = currentPending;
        this.reading = reading;
        this.stats = stats;
    }

    /** The number of events waiting changed; on the thread that changed it, so cheap unless the state may flip. */
    void pendingChanged(int pending) {
        if (paused ? pending <= maxPending / 2 : pending > maxPending) {
            settle();
        }
    }

    boolean isPaused() {
        return paused;
    }

    private synchronized void settle() {
        for (;;) {
            int now = currentPending.getAsInt();
            if (!paused && now > maxPending) {
                paused = true;
                stats.readPauses.increment();
                log.debug("Worker '{}': {} events pending, pausing reads from gateways", workerName, now);
                reading.accept(false);
            } else if (paused && now <= maxPending / 2) {
                paused = false;
                reading.accept(true);
            } else {
                return;
            }
        }
    }
}
