package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link GatewayFrame}s in one exactly-sized buffer each. */
@Sharable
public class GatewayFrameEncoder extends MessageToByteEncoder<GatewayFrame> {

    public static final GatewayFrameEncoder INSTANCE = new GatewayFrameEncoder();

    public GatewayFrameEncoder() {
        super(GatewayFrame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, GatewayFrame msg, boolean preferDirect) {
        return ctx.alloc().ioBuffer(msg.packLength());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, GatewayFrame msg, ByteBuf out) {
        GatewayFrameCodec.encode(msg, out);
    }
}
