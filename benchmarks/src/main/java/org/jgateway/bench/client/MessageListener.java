package org.jgateway.bench.client;

import io.netty.buffer.ByteBuf;

/** Receives the messages of generator connections, on the connection's event loop. */
public interface MessageListener {

    /** A message arrived; {@code payload} is only valid during the call (it is released afterwards). */
    void onMessage(BenchConnection connection, ByteBuf payload);

    /** The connection closed, for whatever reason. */
    default void onClosed(BenchConnection connection) {
    }

    /** A listener that ignores everything, for connections that only need to exist. */
    MessageListener IGNORE = (connection, payload) -> { };
}
