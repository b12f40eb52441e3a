package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Splits a query connection's byte stream into reply payloads ({@code byte[]}, PHP-serialized). */
public class QueryReplyDecoder extends ByteToMessageDecoder {

    private final int maxReplyLength;

    public QueryReplyDecoder(int maxReplyLength) {
        this.maxReplyLength = maxReplyLength;
    }

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxReplyLength) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ProtocolException("query reply of " + length + " bytes exceeds the limit " + maxReplyLength);
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        byte[] payload = new byte[(int) length];
        in.readBytes(payload);
        out.add(payload);
    }
}
