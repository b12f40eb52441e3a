package org.jgateway.gateway;

import java.util.List;
import org.jgateway.protocol.GatewayFrame;

/**
 * A business worker as one gateway sees it: the target of client events. Implemented over an authenticated inner
 * TCP connection, or in memory when the worker runs in the same JVM.
 */
public interface WorkerLink {

    /** Unique key, {@code "<workerIp>:<worker_key>"} as GatewayWorker builds it. */
    String key();

    /**
     * Forwards one event of {@code client}.
     *
     * @return false if the link is closed (the caller re-routes)
     */
    boolean send(ClientConnection client, GatewayFrame event);

    /**
     * Once the link died: the events of {@code client} it was sent and never confirmed, in order, to be sent again
     * (at-least-once workers only; each client's events are taken once).
     */
    default List<GatewayFrame> takeUnconfirmed(ClientConnection client) {
        return List.of();
    }

    /**
     * For a link that is no longer {@linkplain #isOpen() open} to new events but still alive (its worker leaves
     * gracefully): if the worker has not yet confirmed every event of {@code client} sent here, runs {@code task} once
     * it has, or once the link died (then {@link #takeUnconfirmed} gives them back), and returns true. False when there
     * is nothing to wait for, or the link cannot tell (workers that never confirm).
     */
    default boolean whenConfirmed(ClientConnection client, Runnable task) {
        return false;
    }

    /**
     * Runs {@code task} once the worker has handled (its callbacks returned for) every event of {@code client} sent
     * here, at once when it already has, and returns true: the replies those callbacks sent are on their way to the
     * client by then. Never runs it if the link dies first (the events then go to another worker). False when the link
     * cannot tell (workers that never confirm, or a link already dead); {@code task} is then never run.
     */
    default boolean whenHandled(ClientConnection client, Runnable task) {
        return false;
    }

    /**
     * Whether the worker confirmed every event sent here; true for workers that never confirm (PHP, in-JVM), as
     * nothing can be learnt from them.
     */
    default boolean allConfirmed() {
        return true;
    }

    /** Whether the link takes more events without queueing beyond its limit (backpressure towards clients). */
    boolean isWritable();

    boolean isOpen();

    /** Runs {@code task} once when the link becomes writable again (at once if it already is or is closed). */
    void whenWritable(Runnable task);

    /** Clients currently bound to this worker by this gateway (least-connections routing). */
    int boundClients();

    /** Called by the gateway when a client is bound to (+1) or unbound from (-1) this worker. */
    void adjustBoundClients(int delta);

    /** Closes the link (e.g. replaced by a newer connection with the same key). */
    void close();
}
