package org.jgateway.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One frame of the binary gateway protocol: the 28-byte header's fields, {@code ext_data} and the body.
 * <p>
 * Unsigned 32-bit fields (ips, connection id) are held in {@code int}s with the same bits; use
 * {@link Integer#toUnsignedLong(int)} to see them as numbers. Frames are immutable by convention: the byte arrays are
 * not copied, so neither the producer nor the consumer may change them after construction.
 *
 * @param cmd          command code, see {@link GatewayCommand}
 * @param localIp      gateway lanIp as an IPv4 u32
 * @param localPort    gateway inner port
 * @param clientIp     client IPv4 as u32 (0 for IPv6)
 * @param clientPort   client port
 * @param connectionId per-gateway connection id (u32)
 * @param flag         {@link GatewayFlags} bits
 * @param gatewayPort  public client-facing port of the gateway
 * @param ext          {@code ext_data}, never null
 * @param body         body, never null
 */
public record GatewayFrame(int cmd, int localIp, int localPort, int clientIp, int clientPort, int connectionId, int flag,
        int gatewayPort, byte[] ext, byte[] body) {

    /** Size of the fixed header in bytes ({@code GatewayProtocol::HEAD_LEN}). */
    public static final int HEADER_LENGTH = 28;

    private static final byte[] EMPTY = new byte[0];

    public GatewayFrame {
        ext = ext == null ? EMPTY : ext;
        body = body == null ? EMPTY : body;
    }

    /**
     * A worker-to-gateway command frame: every header field but {@code cmd}, {@code connection_id} and {@code flag} is
     * zero ({@code GatewayProtocol::$empty}).
     */
    public static GatewayFrame command(int cmd, int connectionId, int flag, byte[] ext, byte[] body) {
        return new GatewayFrame(cmd, 0, 0, 0, 0, connectionId, flag, 0, ext, body);
    }

    /** A command frame whose body is raw bytes (scalar flag set). */
    public static GatewayFrame scalarCommand(int cmd, int connectionId, byte[] ext, byte[] body) {
        return command(cmd, connectionId, GatewayFlags.BODY_IS_SCALAR, ext, body);
    }

    /** This frame with {@code flag} replaced. */
    public GatewayFrame withFlag(int flag) {
        return flag == this.flag ? this
                : new GatewayFrame(cmd, localIp, localPort, clientIp, clientPort, connectionId, flag, gatewayPort, ext, body);
    }

    /** {@code pack_len}: total frame length including the header. */
    public int packLength() {
        return HEADER_LENGTH + ext.length + body.length;
    }

    public long connectionIdUnsigned() {
        return Integer.toUnsignedLong(connectionId);
    }

    public boolean bodyIsScalar() {
        return GatewayFlags.isScalar(flag);
    }

    public boolean raw() {
        return GatewayFlags.isRaw(flag);
    }

    public String extAsString() {
        return new String(ext, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayFrame f && cmd == f.cmd && localIp == f.localIp && localPort == f.localPort
                && clientIp == f.clientIp && clientPort == f.clientPort && connectionId == f.connectionId
                && flag == f.flag && gatewayPort == f.gatewayPort && Arrays.equals(ext, f.ext) && Arrays.equals(body, f.body);
    }

    @Override
    public int hashCode() {
        int h = cmd;
        h = 31 * h + connectionId;
        h = 31 * h + localIp;
        h = 31 * h + localPort;
        h = 31 * h + Arrays.hashCode(ext);
        return 31 * h + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "GatewayFrame{" + GatewayCommand.nameOf(cmd) + ", local=" + Ipv4.toString(localIp) + ':' + localPort
                + ", client=" + Ipv4.toString(clientIp) + ':' + clientPort + ", conn=" + connectionIdUnsigned()
                + ", flag=" + flag + ", gatewayPort=" + gatewayPort + ", ext=" + preview(ext) + ", body=" + preview(body) + '}';
    }

    private static String preview(byte[] bytes) {
        if (bytes.length <= 64) {
            return HexFormat.of().formatHex(bytes);
        }
        return HexFormat.of().formatHex(bytes, 0, 64) + "…(" + bytes.length + " bytes)";
    }
}
