package org.jgateway.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a {@link ClusterBroker}: broadcast commands (to one or more targets) sent to only the gateways that
 * hold a target ({@code routed}) or to every known gateway ({@code broadcast}, the register engine's way and the
 * Redis engine's fallback), and failures of the engine's store, each of which was either covered by a fallback or
 * reported to the caller: nothing is dropped without one of these counts.
 */
public final class BrokerStats {

    private final LongAdder routed = new LongAdder();
    private final LongAdder broadcast = new LongAdder();
    private final LongAdder routingFallbacks = new LongAdder();
    private final LongAdder membershipWriteFailures = new LongAdder();
    private final LongAdder presenceFallbacks = new LongAdder();

    /** Commands sent only to the gateways holding their targets. */
    public long routed() {
        return routed.sum();
    }

    /** Commands sent to every known gateway (including {@link #routingFallbacks()}). */
    public long broadcast() {
        return broadcast.sum();
    }

    /** Commands broadcast because the engine's store could not be read. */
    public long routingFallbacks() {
        return routingFallbacks.sum();
    }

    /** Membership changes the store did not confirm (the gateway applied the command; its engine resyncs the store). */
    public long membershipWriteFailures() {
        return membershipWriteFailures.sum();
    }

    /** Presence queries asked of every gateway because the engine's store could not answer. */
    public long presenceFallbacks() {
        return presenceFallbacks.sum();
    }

    /** Counts one routed command. */
    public void routedCommand() {
        routed.increment();
    }

    /** Counts one command sent to every gateway. */
    public void broadcastCommand() {
        broadcast.increment();
    }

    /** Counts one command broadcast because routing failed (it is also a broadcast command). */
    public void routingFallback() {
        routingFallbacks.increment();
        broadcast.increment();
    }

    public void membershipWriteFailure() {
        membershipWriteFailures.increment();
    }

    public void presenceFallback() {
        presenceFallbacks.increment();
    }
}
