package org.jgateway.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Client-to-server message framing written straight into the outgoing buffer, bypassing Netty's frame encoders so
 * the generator spends as little CPU as possible per message.
 * <p>
 * WebSocket frames are masked as RFC 6455 requires, with the all-zero masking key: the key is the client's to
 * choose, and with zeros the masked payload equals the plain one, so no XOR pass over the bytes is needed.
 */
public enum Framing {

    WEBSOCKET {
        @Override
        public int overhead(int payloadLength) {
            return (payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10) + 4;
        }

        @Override
        public void header(ByteBuf out, int payloadLength) {
            out.writeByte(0x81); // FIN + text opcode
            if (payloadLength < 126) {
                out.writeByte(0x80 | payloadLength);
            } else if (payloadLength <= 0xFFFF) {
                out.writeByte(0x80 | 126).writeShort(payloadLength);
            } else {
                out.writeByte(0x80 | 127).writeLong(payloadLength);
            }
            out.writeInt(0); // masking key
        }

        @Override
        public void trailer(ByteBuf out) {
        }
    },

    TEXT {
        @Override
        public int overhead(int payloadLength) {
            return 1;
        }

        @Override
        public void header(ByteBuf out, int payloadLength) {
        }

        @Override
        public void trailer(ByteBuf out) {
            out.writeByte('\n');
        }
    };

    /** Bytes added around a payload of this length. */
    public abstract int overhead(int payloadLength);

    public abstract void header(ByteBuf out, int payloadLength);

    public abstract void trailer(ByteBuf out);

    public static Framing of(Protocol protocol) {
        return protocol == Protocol.WS ? WEBSOCKET : TEXT;
    }
}
