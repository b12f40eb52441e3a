package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * A message decoder that stops at the first framing error: the error goes up the pipeline as
 * {@code exceptionCaught} (the gateway closes the connection), and every byte from then on is discarded, because a
 * stream whose framing was lost cannot be trusted to resynchronise.
 */
abstract class FailFastDecoder extends ByteToMessageDecoder {

    private boolean failed;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeMessage(in, out);
        } catch (DecoderException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Adds at most one message to {@code out}, as a retained slice of {@code in}, or nothing while it is incomplete.
     *
     * @throws DecoderException when the input breaks the framing rules
     */
    protected abstract void decodeMessage(ByteBuf in, List<Object> out);
}
