package org.jgateway.worker;

import java.util.Map;

/**
 * The business callbacks of a {@link BusinessWorker}: GatewayWorker's {@code Events} class. Callbacks run on the
 * worker's executor, never on a Netty event loop; the events of one client arrive one at a time and in order, while
 * different clients are handled in parallel. An exception is logged and counted; it neither stops the worker nor
 * closes the client.
 * <p>
 * An event the handler does not {@linkplain #handles(ClientEvent) handle} is not handed to the executor at all: the
 * worker only does its own bookkeeping for it (and confirms it), on the thread that received it, once the client's
 * earlier events are done. Hand-offs between threads are most of a worker's cost per event, and most applications
 * implement only some callbacks.
 */
public interface WorkerEventHandler {

    /**
     * Whether this handler does anything on {@code event}. The default answers whether the handler's class
     * implements that event's callback instead of inheriting the empty default; a handler that dispatches further
     * (to annotated methods, say) answers for its targets. Asked once per event kind, on the first client event.
     */
    default boolean handles(ClientEvent event) {
        return event.isImplementedBy(this);
    }

    /** The worker started (its register and gateway connections are being established). */
    default void onWorkerStart(BusinessWorker worker) {
    }

    /** A client connected ({@code Events::onConnect}). */
    default void onConnect(EventContext context) {
    }

    /**
     * A WebSocket client completed its handshake ({@code Events::onWebSocketConnect}); {@code data} is GatewayWorker's
     * {@code ['get' => query, 'server' => [...], 'cookie' => [...]]}, also available as {@link EventContext#webSocketData()}.
     */
    default void onWebSocketConnect(EventContext context, Map<String, Object> data) {
    }

    /** A client sent a message ({@code Events::onMessage}); the bytes are the message as the client protocol decoded it. */
    void onMessage(EventContext context, byte[] message);

    /** A client disconnected ({@code Events::onClose}); it can no longer be sent to, session changes are not saved. */
    default void onClose(EventContext context) {
    }

    /** The worker is stopping, after the events it received were handled. */
    default void onWorkerStop(BusinessWorker worker) {
    }
}
