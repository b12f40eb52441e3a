package org.jgateway.client;

import org.jgateway.history.StreamPosition;

/**
 * A message built from its own position in a stream with history, so that the application can put offset and epoch
 * into its own message format (clients get no envelope of ours). The result follows {@link GatewayApi}'s message
 * rules: text, bytes, numbers, or anything Jackson writes as JSON.
 */
@FunctionalInterface
public interface PositionedMessage {

    /** The message to send at {@code position}; called once, while the stream's next offset is reserved for it. */
    Object message(StreamPosition position);
}
