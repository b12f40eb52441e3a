package org.jgateway.gateway;

import java.util.concurrent.CompletableFuture;
import org.jgateway.protocol.GatewayFrame;

/** A worker's in-JVM link to a gateway listener: the counterpart of its inner TCP connection. */
public interface InJvmGatewayAttachment {

    /** Starts routing clients to the worker; call once the worker is ready to send commands through this. */
    void activate();

    /** Whether commands and queries can still be sent (true until either side closes, also while leaving). */
    boolean isAttached();

    /** Executes a command frame (SEND_TO_ONE, JOIN_GROUP, SET_SESSION...) on the calling thread. */
    void execute(GatewayFrame command);

    /**
     * Answers a query frame: the PHP-serialized reply payload, complete on return (answered on the calling thread),
     * except for a {@code RECOVER} whose history the store has not read yet. That one completes on the recovering
     * client's event loop once the recovery has handed its messages to the connection: the calling thread (an event
     * loop, with handlers that run there) never waits for the store.
     */
    CompletableFuture<byte[]> query(GatewayFrame query);

    /** The worker is stopping: no new client is routed to it; events already handed over stay valid. */
    void leave();

    /** The worker closes the link. */
    void detach();
}
