package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * A stream decoder that gives up for good on the first framing error: the error goes up the pipeline as
 * {@code exceptionCaught} (the connection is closed, counted), and every byte from then on is discarded, because a
 * stream whose framing was lost cannot be trusted to resynchronise.
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
        } catch (ProtocolException | DecoderException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Decodes at most one frame from {@code in}, or nothing while it is incomplete; throws {@link ProtocolException}
     * or a {@link DecoderException} when the input breaks the framing rules.
     */
    protected abstract void decodeFrame(ByteBuf in, List<Object> out);

    protected boolean failed() {
        return failed;
    }
}
