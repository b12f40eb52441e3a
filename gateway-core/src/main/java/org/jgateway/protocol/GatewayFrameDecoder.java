package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/**
 * Splits the inner-port byte stream into {@link GatewayFrame}s; a bad header fails the connection, and so does a
 * connection that ends inside a frame (a short header or a truncated body), so that it is seen and counted.
 */
public class GatewayFrameDecoder extends FailFastDecoder {

    private final int maxFrameLength;

    public GatewayFrameDecoder() {
        this(GatewayFrameCodec.DEFAULT_MAX_FRAME_LENGTH);
    }

    public GatewayFrameDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decodeFrame(ByteBuf in, List<Object> out) {
        int length = GatewayFrameCodec.frameLength(in, maxFrameLength);
        if (length < 0 || in.readableBytes() < length) {
            return;
        }
        out.add(GatewayFrameCodec.decode(in));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (!failed() && in.isReadable()) {
            int left = in.readableBytes();
            in.skipBytes(left);
            throw new ProtocolException("connection closed inside a frame, after " + left + " bytes of it");
        }
    }
}
