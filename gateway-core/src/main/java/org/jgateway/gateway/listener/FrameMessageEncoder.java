package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jgateway.gateway.ClientMessageEncoder;

/** workerman's {@code Frame::encode}: a 4-byte big-endian total length (payload + 4), then the payload. */
public final class FrameMessageEncoder implements ClientMessageEncoder {

    /** The shared, stateless instance. */
    public static final FrameMessageEncoder INSTANCE = new FrameMessageEncoder();

    static final int HEADER_LENGTH = 4;

    private FrameMessageEncoder() {
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        if (payload.length > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("payload too large for a frame: " + payload.length);
        }
        return alloc.buffer(HEADER_LENGTH + payload.length)
                .writeInt(HEADER_LENGTH + payload.length)
                .writeBytes(payload);
    }

    @Override
    public String toString() {
        return "FrameMessageEncoder";
    }
}
