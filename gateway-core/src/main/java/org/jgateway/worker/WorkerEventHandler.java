package org.jgateway.worker;

import java.util.Map;

/**
 * The business callbacks of a {@link BusinessWorker}: GatewayWorker's {@code Events} class. Callbacks run on the
 * worker's executor, never on a Netty event loop; the events of one client arrive one at a time and in order, while
 * different clients are handled in parallel. An exception is logged and counted; it neither stops the worker nor
 * closes the client.
 */
public interface WorkerEventHandler {

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
