package org.jgateway.gateway;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one gateway (all its listeners), read by status endpoints and metric binders. Every message the
 * gateway does not deliver is counted here under its reason: nothing is dropped silently.
 */
public final class GatewayStats {

    final LongAdder clientMessagesIn = new LongAdder();
    final LongAdder clientBytesIn = new LongAdder();
    final LongAdder eventsToWorkers = new LongAdder();
    final LongAdder workerCommands = new LongAdder();
    final LongAdder queries = new LongAdder();
    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder clientProtocolErrors = new LongAdder();
    final LongAdder innerProtocolErrors = new LongAdder();
    final LongAdder unauthorizedInner = new LongAdder();
    final LongAdder invalidCommands = new LongAdder();
    final LongAdder eventsHeld = new LongAdder();
    final LongAdder eventsDroppedNoWorker = new LongAdder();
    final LongAdder eventsDroppedWorkerClosed = new LongAdder();
    final LongAdder eventsLostWithWorker = new LongAdder();
    final LongAdder eventsRedelivered = new LongAdder();
    final LongAdder eventsNotKept = new LongAdder();
    final LongAdder clientsClosedNoWorker = new LongAdder();
    final LongAdder sendDroppedSlowConsumer = new LongAdder();
    final LongAdder clientsClosedSlowConsumer = new LongAdder();
    final LongAdder sendDroppedClosed = new LongAdder();
    final LongAdder heartbeatClosed = new LongAdder();
    final LongAdder readsPausedForWorker = new LongAdder();
    final LongAdder handshakesRefused = new LongAdder();
    final LongAdder connectionsRejectedPerIpLimit = new LongAdder();
    final LongAdder connectionsRejectedMaxConnections = new LongAdder();
    final LongAdder connectionsRejectedPerIpRate = new LongAdder();
    final LongAdder clientMessagesDroppedRateLimit = new LongAdder();
    final LongAdder clientsClosedRateLimit = new LongAdder();
    final LongAdder acceptFailures = new LongAdder();
    final LongAdder acceptPauses = new LongAdder();
    final LongAdder workersStalled = new LongAdder();

    /** Application messages received from clients. */
    public long clientMessagesIn() {
        return clientMessagesIn.sum();
    }

    /** Bytes of application messages received from clients. */
    public long clientBytesIn() {
        return clientBytesIn.sum();
    }

    /** Client events (connect, message, close, websocket connect) forwarded to workers. */
    public long eventsToWorkers() {
        return eventsToWorkers.sum();
    }

    /** Commands executed for workers and API clients. */
    public long workerCommands() {
        return workerCommands.sum();
    }

    /** Queries answered. */
    public long queries() {
        return queries.sum();
    }

    /** Client connections accepted by all listeners. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** Client connections closed for a protocol error (bad frame, oversized message, bad handshake, TLS failure). */
    public long clientProtocolErrors() {
        return clientProtocolErrors.sum();
    }

    /** Inner (worker/API) connections closed for a protocol error. */
    public long innerProtocolErrors() {
        return innerProtocolErrors.sum();
    }

    /** Inner connections rejected: no or wrong secret key. */
    public long unauthorizedInner() {
        return unauthorizedInner.sum();
    }

    /** Inner commands that could not be executed (unknown code, malformed ext or body). */
    public long invalidCommands() {
        return invalidCommands.sum();
    }

    /** Client events held because no worker was connected, or until a leaving worker confirmed the client's earlier ones. */
    public long eventsHeld() {
        return eventsHeld.sum();
    }

    /** Held events dropped because no worker came within the hold time or the hold queue was full. */
    public long eventsDroppedNoWorker() {
        return eventsDroppedNoWorker.sum();
    }

    /**
     * Events that could not be written because the connection of a worker that does not confirm (PHP) closed; a
     * confirming worker's are redelivered or counted in {@link #eventsLostWithWorker()} instead.
     */
    public long eventsDroppedWorkerClosed() {
        return eventsDroppedWorkerClosed.sum();
    }

    /**
     * Events a worker never confirmed as handled before its connection dropped (a crash, {@code kill -9}) and that
     * were not kept for redelivery (an at-most-once worker, or the unconfirmed-events buffer was full): lost with it.
     * Counted for workers that confirm (ours); an upper bound within the confirmation interval.
     */
    public long eventsLostWithWorker() {
        return eventsLostWithWorker.sum();
    }

    /** Events sent again because the worker they were sent to went away without confirming them. */
    public long eventsRedelivered() {
        return eventsRedelivered.sum();
    }

    /**
     * Events sent to an at-least-once worker while the unconfirmed-events buffer was full: not kept, so delivered at
     * most once.
     */
    public long eventsNotKept() {
        return eventsNotKept.sum();
    }

    /** Clients closed because no worker came within the hold time. */
    public long clientsClosedNoWorker() {
        return clientsClosedNoWorker.sum();
    }

    /** Messages to clients dropped by the {@link SlowConsumerPolicy#DROP} policy. */
    public long sendDroppedSlowConsumer() {
        return sendDroppedSlowConsumer.sum();
    }

    /** Clients closed by the {@link SlowConsumerPolicy#CLOSE} policy. */
    public long clientsClosedSlowConsumer() {
        return clientsClosedSlowConsumer.sum();
    }

    /** Messages to clients that were already closed. */
    public long sendDroppedClosed() {
        return sendDroppedClosed.sum();
    }

    /** Clients closed by the heartbeat ({@code pingNotResponseLimit}). */
    public long heartbeatClosed() {
        return heartbeatClosed.sum();
    }

    /** Times a client's reads were paused because its worker connection was not writable. */
    public long readsPausedForWorker() {
        return readsPausedForWorker.sum();
    }

    /** WebSocket handshakes refused by the listener's handshake filter (403); not protocol errors. */
    public long handshakesRefused() {
        return handshakesRefused.sum();
    }

    /** Client connections closed at once because their IP already had {@code maxConnectionsPerIp} connections. */
    public long connectionsRejectedPerIpLimit() {
        return connectionsRejectedPerIpLimit.sum();
    }

    /** Client connections closed at once because the listener already had {@code maxConnections} open. */
    public long connectionsRejectedMaxConnections() {
        return connectionsRejectedMaxConnections.sum();
    }

    /** Client connections closed at once because their IP opened over {@code maxConnectionRatePerIp} per second. */
    public long connectionsRejectedPerIpRate() {
        return connectionsRejectedPerIpRate.sum();
    }

    /** Client messages dropped because their client sent over {@code maxMessagesPerSecond} (policy drop). */
    public long clientMessagesDroppedRateLimit() {
        return clientMessagesDroppedRateLimit.sum();
    }

    /** Clients closed because they sent over {@code maxMessagesPerSecond} (policy close). */
    public long clientsClosedRateLimit() {
        return clientsClosedRateLimit.sum();
    }

    /** Times a listener failed to accept a connection (e.g. out of file descriptors). */
    public long acceptFailures() {
        return acceptFailures.sum();
    }

    /**
     * Times a listener paused accepting after a failure (one pause per back-off: failures reported while paused do
     * not start another).
     */
    public long acceptPauses() {
        return acceptPauses.sum();
    }

    /** All failed sends to clients, as workerman's {@code send_fail}. */
    public long sendFailures() {
        return sendDroppedSlowConsumer() + clientsClosedSlowConsumer() + sendDroppedClosed();
    }

    /**
     * Worker links closed because the worker sent nothing for the peer timeout (stopped, frozen, cut off): its
     * clients move to other workers.
     */
    public long workersStalled() {
        return workersStalled.sum();
    }
}
