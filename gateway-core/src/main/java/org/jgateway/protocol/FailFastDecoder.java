package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * A length-prefixed stream decoder that gives up for good on the first protocol error: after a bad length nothing
 * that follows can be framed, so the rest is discarded (the connection is being closed) instead of decoded again.
 */
public abstract class FailFastDecoder extends ByteToMessageDecoder {

    private boolean failed;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeFrame(in, out);
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Decodes at most one frame from {@code in}; throws {@link ProtocolException} for a malformed one. */
    protected abstract void decodeFrame(ByteBuf in, List<Object> out);

    protected boolean failed() {
        return failed;
    }
}
