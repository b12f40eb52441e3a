package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Query replies: {@code pack('N', strlen($payload)) . $payload} where the payload is a PHP-serialized value. The length
 * does not include its own 4 bytes, and the reply carries no request id: replies come back in request order.
 */
public final class QueryReplyCodec {

    private QueryReplyCodec() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        ByteBuf buf = alloc.ioBuffer(4 + payload.length);
        buf.writeInt(payload.length);
        buf.writeBytes(payload);
        return buf;
    }
}
