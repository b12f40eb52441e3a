package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.jgateway.protocol.FailFastDecoder;

/**
 * workerman's {@code frame://} framing: a 4-byte big-endian total length that counts itself, then the payload. A
 * length below 4, of 2^31 or more, or announcing a payload over the limit is an error before any payload is buffered.
 */
final class LengthPrefixedFrameDecoder extends FailFastDecoder {

    private static final int HEADER_LENGTH = FrameMessageEncoder.HEADER_LENGTH;

    private final int maxPayloadLength;

    LengthPrefixedFrameDecoder(int maxPayloadLength) {
        this.maxPayloadLength = maxPayloadLength;
    }

    @Override
    protected void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        long total = in.getUnsignedInt(in.readerIndex());
        if (total < HEADER_LENGTH) {
            throw new CorruptedFrameException("frame length " + total + " is less than its 4-byte header");
        }
        if (total > Integer.MAX_VALUE) {
            throw new CorruptedFrameException("negative frame length " + (int) total);
        }
        if (total - HEADER_LENGTH > maxPayloadLength) {
            throw new TooLongFrameException("frame payload of " + (total - HEADER_LENGTH)
                    + " bytes exceeds the limit of " + maxPayloadLength);
        }
        if (in.readableBytes() < total) {
            return;
        }
        in.skipBytes(HEADER_LENGTH);
        out.add(in.readRetainedSlice((int) total - HEADER_LENGTH));
    }
}
