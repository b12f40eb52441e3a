package org.jgateway.gateway;

/** What the gateway does with a message for a client whose outbound buffer is over {@code send-to-client-buffer-size}. */
public enum SlowConsumerPolicy {

    /** Drop the message for that client (counted); the client stays connected. GatewayWorker's behaviour. */
    DROP,

    /** Close the client (counted): it cannot keep up, and a partial stream may be worse than none. */
    CLOSE
}
