package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jgateway.gateway.ClientMessageEncoder;

/**
 * One unfragmented, unmasked server data frame per message (RFC 6455 §5.2), with a 7-, 16- or 64-bit length.
 * <p>
 * A {@link WebSocketFrameType#TEXT TEXT} encoder sends a payload that is not valid UTF-8 as a binary frame instead:
 * browsers fail the whole connection on an invalid text frame, while workerman sends it anyway.
 */
public final class WebSocketMessageEncoder implements ClientMessageEncoder {

    /** Text frames, binary for payloads that are not UTF-8. */
    public static final WebSocketMessageEncoder TEXT = new WebSocketMessageEncoder(WebSocketFrameType.TEXT);
    /** Binary frames. */
    public static final WebSocketMessageEncoder BINARY = new WebSocketMessageEncoder(WebSocketFrameType.BINARY);

    private static final int FIN = 0x80;
    private static final int MAX_7_BIT_LENGTH = 125;
    private static final int LENGTH_16_BIT = 126;
    private static final int LENGTH_64_BIT = 127;

    private final WebSocketFrameType type;

    private WebSocketMessageEncoder(WebSocketFrameType type) {
        this.type = type;
    }

    /** The shared encoder for frames of {@code type}. */
    public static WebSocketMessageEncoder of(WebSocketFrameType type) {
        return Objects.requireNonNull(type, "type") == WebSocketFrameType.TEXT ? TEXT : BINARY;
    }

    /** The frame type this encoder sends valid payloads as. */
    public WebSocketFrameType type() {
        return type;
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, byte[] payload) {
        int opcode = type == WebSocketFrameType.TEXT && !isUtf8(payload)
                ? WebSocketFrameType.BINARY.opcode()
                : type.opcode();
        int length = payload.length;
        int headerLength = length <= MAX_7_BIT_LENGTH ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.buffer(headerLength + length);
        frame.writeByte(FIN | opcode);
        if (length <= MAX_7_BIT_LENGTH) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(LENGTH_16_BIT);
            frame.writeShort(length);
        } else {
            frame.writeByte(LENGTH_64_BIT);
            frame.writeLong(length);
        }
        return frame.writeBytes(payload);
    }

    /** Strict UTF-8 (no overlong forms, surrogates or code points above U+10FFFF), as browsers check it. */
    static boolean isUtf8(byte[] payload) {
        return ByteBufUtil.isText(Unpooled.wrappedBuffer(payload), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebSocketMessageEncoder[" + type + "]";
    }
}
