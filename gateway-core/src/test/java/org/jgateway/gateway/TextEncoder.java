package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.atomic.AtomicInteger;

/** workerman's text protocol framing (payload + "\n"), counting its calls. */
final class TextEncoder implements ClientMessageEncoder {

    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        calls.incrementAndGet();
        return alloc.buffer(payload.length + 1).writeBytes(payload).writeByte('\n');
    }
}
