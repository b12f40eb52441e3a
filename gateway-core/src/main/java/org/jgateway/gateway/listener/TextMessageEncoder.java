package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jgateway.gateway.ClientMessageEncoder;

/** workerman's {@code Text::encode}: the payload followed by {@code "\n"}. */
public final class TextMessageEncoder implements ClientMessageEncoder {

    /** The shared, stateless instance. */
    public static final TextMessageEncoder INSTANCE = new TextMessageEncoder();

    private TextMessageEncoder() {
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        return alloc.buffer(payload.length + 1).writeBytes(payload).writeByte('\n');
    }

    @Override
    public String toString() {
        return "TextMessageEncoder";
    }
}
