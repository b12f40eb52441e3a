package org.jgateway.gateway;

import org.jgateway.protocol.GatewayFrame;

/**
 * A business worker running in the same JVM as a gateway, as the gateway sees it when the two skip TCP: events are
 * handed over as frame objects, commands come back as method calls. Same semantics as the inner connection:
 * authentication by secret, sticky routing, backpressure, graceful leave.
 */
public interface InJvmWorkerEndpoint {

    /** The worker's {@code worker_key}. */
    String workerKey();

    /** One client event; called on the client's event loop, must not block. */
    void onEvent(GatewayFrame event);

    /**
     * Runs {@code task} once every event of client {@code clientId} given so far has been handled (at once, on the
     * calling thread, when none is waiting or running; else on the worker's thread after the last of them).
     */
    void afterEventsOf(String clientId, Runnable task);

    /** Whether the worker takes more events (false = the gateway pauses reading from the clients bound to it). */
    boolean isAcceptingEvents();

    /** Runs {@code task} once the worker takes events again (at once if it does). */
    void whenAcceptingEvents(Runnable task);

    /** The gateway closed the link (stopped, or a newer worker with the same key replaced this one). */
    void onGatewayClosed();
}
