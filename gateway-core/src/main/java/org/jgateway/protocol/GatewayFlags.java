package org.jgateway.protocol;

/** Bits of the frame header's {@code flag} byte. */
public final class GatewayFlags {

    /** {@code FLAG_BODY_IS_SCALAR}: the body is raw bytes; without it the body is PHP-serialized. */
    public static final int BODY_IS_SCALAR = 0x01;
    /** {@code FLAG_NOT_CALL_ENCODE}: write the body to the client socket without the client protocol's framing. */
    public static final int NOT_CALL_ENCODE = 0x02;
    /**
     * Our extension on client events: the event was sent to a worker that died before confirming it, and is sent
     * again. Only workers that confirm events (ours) ever see it; a PHP worker gets redelivered events unmarked.
     */
    public static final int REDELIVERY = 0x80;

    private GatewayFlags() {
    }

    public static boolean isScalar(int flag) {
        return (flag & BODY_IS_SCALAR) != 0;
    }

    public static boolean isRedelivery(int flag) {
        return (flag & REDELIVERY) != 0;
    }

    public static boolean isRaw(int flag) {
        return (flag & NOT_CALL_ENCODE) != 0;
    }
}
