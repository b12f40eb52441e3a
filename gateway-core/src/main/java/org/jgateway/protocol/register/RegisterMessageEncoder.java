package org.jgateway.protocol.register;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link RegisterMessage} as one {@code \n}-terminated line. Other messages (raw bytes) pass through. */
@Sharable
public class RegisterMessageEncoder extends MessageToByteEncoder<RegisterMessage> {

    public RegisterMessageEncoder() {
        super(RegisterMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RegisterMessage message, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, RegisterCodec.encode(message));
        out.writeByte('\n');
    }
}
