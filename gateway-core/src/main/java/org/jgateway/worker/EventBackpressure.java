package org.jgateway.worker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading events from the gateways while more than {@link WorkerOptions#maxPendingEvents()} wait to be
 * handled, and resumes once they are down to half of that: a worker that falls behind slows its gateways (TCP
 * backpressure) instead of queueing without bound.
 */
final class EventBackpressure {

    private static final Logger log = LoggerFactory.getLogger(EventBackpressure.class);

    private final String workerName;
    private final int maxPending;
    private final GatewayLinks links;
    private final WorkerStats stats;
    private final AtomicBoolean paused = new AtomicBoolean();

    EventBackpressure(WorkerOptions options, GatewayLinks links, WorkerStats stats) {
        this.workerName = options.name();
        this.maxPending = options.maxPendingEvents();
        this.links = links;
        this.stats = stats;
    }

    /** The number of events waiting changed; on the thread that changed it, so cheap unless the state flips. */
    void pendingChanged(int pending) {
        if (pending > maxPending && paused.compareAndSet(false, true)) {
            stats.readPauses.increment();
            log.debug("Worker '{}': {} events pending, pausing reads from gateways", workerName, pending);
            links.setReading(false);
        } else if (pending <= maxPending / 2 && paused.get() && paused.compareAndSet(true, false)) {
            links.setReading(true);
        }
    }
}
