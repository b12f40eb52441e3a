package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jgateway.gateway.ClientMessageEncoder;

/** No framing: the payload bytes as they are. */
public final class TcpMessageEncoder implements ClientMessageEncoder {

    /** The shared, stateless instance. */
    public static final TcpMessageEncoder INSTANCE = new TcpMessageEncoder();

    private TcpMessageEncoder() {
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        // A copy into the allocator's (usually direct) buffer, which the socket write needs anyway.
        return alloc.buffer(payload.length).writeBytes(payload);
    }

    @Override
    public String toString() {
        return "TcpMessageEncoder";
    }
}
