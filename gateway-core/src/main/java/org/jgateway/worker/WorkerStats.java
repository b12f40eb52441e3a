package org.jgateway.worker;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one {@link BusinessWorker}, for status endpoints and metrics. */
public final class WorkerStats {

    final LongAdder eventsReceived = new LongAdder();
    final LongAdder eventsHandled = new LongAdder();
    final LongAdder handlerErrors = new LongAdder();
    final LongAdder sessionWrites = new LongAdder();
    final LongAdder sessionReloads = new LongAdder();
    final LongAdder commandsDropped = new LongAdder();
    final LongAdder eventsAbandonedAtStop = new LongAdder();
    final LongAdder readPauses = new LongAdder();
    final LongAdder handlerNanos = new LongAdder();
    final LongAdder gatewaysStalled = new LongAdder();

    /** Client events received from gateways. */
    public long eventsReceived() {
        return eventsReceived.sum();
    }

    /** Client events whose callback finished (normally or with an exception). */
    public long eventsHandled() {
        return eventsHandled.sum();
    }

    /** Callbacks that threw. */
    public long handlerErrors() {
        return handlerErrors.sum();
    }

    /** Sessions written back to gateways after a callback changed them. */
    public long sessionWrites() {
        return sessionWrites.sum();
    }

    /** Events whose session was older than the one this worker had just written (the newer one was used). */
    public long sessionReloads() {
        return sessionReloads.sum();
    }

    /** Commands not sent because the target gateway was not connected. */
    public long commandsDropped() {
        return commandsDropped.sum();
    }

    /** Events still queued when the stop timeout ran out. */
    public long eventsAbandonedAtStop() {
        return eventsAbandonedAtStop.sum();
    }

    /** Times reading from gateways was paused because too many events were waiting. */
    public long readPauses() {
        return readPauses.sum();
    }

    /** Total time spent in callbacks, in nanoseconds. */
    public long handlerNanos() {
        return handlerNanos.sum();
    }

    /**
     * Gateway links closed because the gateway sent nothing for the peer timeout (stopped, frozen, cut off); they
     * are reconnected, and used again once the gateway answers.
     */
    public long gatewaysStalled() {
        return gatewaysStalled.sum();
    }
}
