package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inner-port byte stream into {@link GatewayFrame}s; a bad header fails the connection, and so does a
 * connection that ends inside a frame (a short header or a truncated body), so that it is seen and counted.
 */
public class GatewayFrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameLength;

    public GatewayFrameDecoder() {
        this(GatewayFrameCodec.DEFAULT_MAX_FRAME_LENGTH);
    }

    public GatewayFrameDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            // The stream is out of sync after a bad header: nothing after it can be trusted.
            in.skipBytes(in.readableBytes());
            return;
        }
        int length;
        try {
            length = GatewayFrameCodec.frameLength(in, maxFrameLength);
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (length < 0 || in.readableBytes() < length) {
            return;
        }
        out.add(GatewayFrameCodec.decode(in));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (!failed && in.isReadable()) {
            int left = in.readableBytes();
            in.skipBytes(left);
            throw new ProtocolException("connection closed inside a frame, after " + left + " bytes of it");
        }
    }
}
