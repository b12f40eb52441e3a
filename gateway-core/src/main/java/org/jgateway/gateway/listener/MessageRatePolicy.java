package org.jgateway.gateway.listener;

/** What a listener does with a client that sends more messages per second than its limit allows. */
public enum MessageRatePolicy {

    /** Drops the messages over the limit (counted); the client stays connected. */
    DROP,

    /** Closes the client: a WebSocket with status 1008 (policy violation), other protocols at once (counted). */
    CLOSE
}
