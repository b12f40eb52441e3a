package org.jgateway.gateway;

import org.jgateway.protocol.GatewayFrame;

/** A worker's in-JVM link to a gateway listener: the counterpart of its inner TCP connection. */
public interface InJvmGatewayAttachment {

    /** Starts routing clients to the worker; call once the worker is ready to send commands through this. */
    void activate();

    /** Whether commands and queries can still be sent (true until either side closes, also while leaving). */
    boolean isAttached();

    /** Executes a command frame (SEND_TO_ONE, JOIN_GROUP, SET_SESSION...) on the calling thread. */
    void execute(GatewayFrame command);

    /** Answers a query frame on the calling thread; the PHP-serialized reply payload. */
    byte[] query(GatewayFrame query);

    /** The worker is stopping: no new client is routed to it; events already handed over stay valid. */
    void leave();

    /** The worker closes the link. */
    void detach();
}
