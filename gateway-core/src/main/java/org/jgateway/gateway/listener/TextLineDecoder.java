package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.jgateway.protocol.FailFastDecoder;

/**
 * workerman's {@code text://} framing: a message ends at {@code "\n"}, and trailing {@code "\r"}s are removed (PHP's
 * {@code rtrim($line, "\r\n")}). A line longer than the limit (not counting its line ending) is an error as soon as
 * that many bytes are buffered, so a client without newlines cannot make the gateway buffer more.
 */
final class TextLineDecoder extends FailFastDecoder {

    private final int maxLineLength;
    /** How far past the reader index a previous call already looked for {@code '\n'}. */
    private int scanned;

    TextLineDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void decodeFrame(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int eol = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            scanned = in.readableBytes();
            if (withoutTrailingCr(in, start, in.writerIndex()) - start > maxLineLength) {
                throw tooLong(in.readableBytes());
            }
            return;
        }
        scanned = 0;
        int end = withoutTrailingCr(in, start, eol);
        if (end - start > maxLineLength) {
            throw tooLong(end - start);
        }
        out.add(in.retainedSlice(start, end - start));
        in.readerIndex(eol + 1);
    }

    private static int withoutTrailingCr(ByteBuf in, int start, int end) {
        while (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    private TooLongFrameException tooLong(int length) {
        return new TooLongFrameException("text line of " + length + " bytes exceeds the limit of " + maxLineLength);
    }
}
