package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Splits a query connection's byte stream into reply payloads ({@code byte[]}, PHP-serialized). */
public class QueryReplyDecoder extends FailFastDecoder {

    private final int maxReplyLength;

    public QueryReplyDecoder(int maxReplyLength) {
        this.maxReplyLength = maxReplyLength;
    }

    @Override
    protected void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxReplyLength) {
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
