package org.jgateway.protocol.register;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns one line (a {@link ByteBuf} from {@link RegisterCodec#newLineDecoder}) into a {@link RegisterMessage}. A bad
 * line surfaces as a {@link io.netty.handler.codec.DecoderException} caused by a {@link RegisterProtocolException}.
 */
@Sharable
public class RegisterMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    public RegisterMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        out.add(RegisterCodec.decode(ByteBufUtil.getBytes(line)));
    }
}
