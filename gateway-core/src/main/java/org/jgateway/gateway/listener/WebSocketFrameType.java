package org.jgateway.gateway.listener;

/** The opcode of the data frames a WebSocket listener sends: workerman's {@code "\x81"} or {@code "\x82"}. */
public enum WebSocketFrameType {

    /** Text frames (opcode 0x1), workerman's default; payloads that are not valid UTF-8 still go out as binary. */
    TEXT(0x1),

    /** Binary frames (opcode 0x2). */
    BINARY(0x2);

    private final int opcode;

    WebSocketFrameType(int opcode) {
        this.opcode = opcode;
    }

    /** The RFC 6455 opcode. */
    public int opcode() {
        return opcode;
    }
}
