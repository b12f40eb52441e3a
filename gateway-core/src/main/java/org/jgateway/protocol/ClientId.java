package org.jgateway.protocol;

/**
 * A GatewayWorker client_id: 20 lowercase hex characters = gateway lanIp (u32), inner port (u16), connection id (u32).
 *
 * @param lanIp        the owning gateway's advertised lanIp
 * @param lanPort      the owning gateway's inner port
 * @param connectionId the connection id inside that gateway
 */
public record ClientId(int lanIp, int lanPort, int connectionId) {

    /** Length of the textual form. */
    public static final int LENGTH = 20;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public ClientId {
        if (lanPort < 0 || lanPort > 0xffff) {
            throw new IllegalArgumentException("lanPort out of range: " + lanPort);
        }
    }

    /**
     * Parses a client_id strictly: exactly 20 characters of {@code [0-9a-f]} (uppercase is rejected, since the gateway
     * compares ids as strings and PHP emits lowercase).
     *
     * @throws InvalidClientIdException if the text is not a client_id
     */
    public static ClientId parse(String text) {
        if (text == null || text.length() != LENGTH) {
            throw new InvalidClientIdException(text);
        }
        long ip = 0;
        int port = 0;
        long conn = 0;
        for (int i = 0; i < LENGTH; i++) {
            int d = digit(text.charAt(i));
            if (d < 0) {
                throw new InvalidClientIdException(text);
            }
            if (i < 8) {
                ip = (ip << 4) | d;
            } else if (i < 12) {
                port = (port << 4) | d;
            } else {
                conn = (conn << 4) | d;
            }
        }
        return new ClientId((int) ip, port, (int) conn);
    }

    /** Whether {@code text} is a well-formed client_id. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (digit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The client_id text of a connection. */
    public static String format(int lanIp, int lanPort, int connectionId) {
        char[] out = new char[LENGTH];
        put(out, 0, lanIp, 8);
        put(out, 8, lanPort, 4);
        put(out, 12, connectionId, 8);
        return new String(out);
    }

    private static void put(char[] out, int offset, int value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = HEX[value & 0xf];
            value >>>= 4;
        }
    }

    /** The owning gateway's address as registered, {@code "a.b.c.d:port"}. */
    public String gatewayAddress() {
        return Ipv4.toString(lanIp) + ':' + lanPort;
    }

    public long connectionIdUnsigned() {
        return Integer.toUnsignedLong(connectionId);
    }

    @Override
    public String toString() {
        return format(lanIp, lanPort, connectionId);
    }
}
