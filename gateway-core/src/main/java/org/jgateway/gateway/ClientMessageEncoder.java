package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Frames one application message for a client protocol (a WebSocket data frame, a line, a length-prefixed frame, or
 * the bytes as they are). Instances are shared by every client that needs the same bytes, so a broadcast is encoded
 * once per distinct encoder and the same buffer is written to each member.
 */
public interface ClientMessageEncoder {

    /** The complete wire bytes for {@code payload}; the caller owns the returned buffer. */
    ByteBuf encode(ByteBufAllocator alloc, byte[] payload);
}
