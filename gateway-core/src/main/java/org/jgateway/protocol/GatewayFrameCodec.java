package org.jgateway.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Byte layout of a {@link GatewayFrame}, PHP {@code pack("NCNnNnNCnN")}: pack_len(4) cmd(1) local_ip(4) local_port(2)
 * client_ip(4) client_port(2) connection_id(4) flag(1) gateway_port(2) ext_len(4), then ext, then body. Big-endian.
 */
public final class GatewayFrameCodec {

    /** GatewayWorker's (workerman's) default maximum package size, 10 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 10 * 1024 * 1024;

    private GatewayFrameCodec() {
    }

    /** Writes the whole frame to {@code out}. */
    public static void encode(GatewayFrame frame, ByteBuf out) {
        writeHeader(frame.cmd(), frame.localIp(), frame.localPort(), frame.clientIp(), frame.clientPort(),
                frame.connectionId(), frame.flag(), frame.gatewayPort(), frame.ext().length, frame.body().length, out);
        out.writeBytes(frame.ext());
        out.writeBytes(frame.body());
    }

    /** Writes only the 28-byte header for a frame with the given ext and body lengths. */
    public static void writeHeader(int cmd, int localIp, int localPort, int clientIp, int clientPort, int connectionId,
            int flag, int gatewayPort, int extLength, int bodyLength, ByteBuf out) {
        out.writeInt(GatewayFrame.HEADER_LENGTH + extLength + bodyLength);
        out.writeByte(cmd);
        out.writeInt(localIp);
        out.writeShort(localPort);
        out.writeInt(clientIp);
        out.writeShort(clientPort);
        out.writeInt(connectionId);
        out.writeByte(flag);
        out.writeShort(gatewayPort);
        out.writeInt(extLength);
    }

    /**
     * The length of the frame at the reader index if its header is complete, else -1. Validates the header.
     *
     * @throws ProtocolException if pack_len is below 28 or above {@code maxFrameLength}, or ext_len does not fit
     */
    public static int frameLength(ByteBuf in, int maxFrameLength) {
        if (in.readableBytes() < GatewayFrame.HEADER_LENGTH) {
            return -1;
        }
        int start = in.readerIndex();
        long packLength = in.getUnsignedInt(start);
        if (packLength < GatewayFrame.HEADER_LENGTH) {
            throw new ProtocolException("pack_len " + packLength + " is smaller than the 28-byte header");
        }
        if (packLength > maxFrameLength) {
            throw new ProtocolException("pack_len " + packLength + " exceeds the maximum frame length " + maxFrameLength);
        }
        long extLength = in.getUnsignedInt(start + 24);
        if (extLength > packLength - GatewayFrame.HEADER_LENGTH) {
            throw new ProtocolException("ext_len " + extLength + " does not fit in pack_len " + packLength);
        }
        return (int) packLength;
    }

    /**
     * Reads one complete frame; the caller has checked with {@link #frameLength} that it is all there.
     */
    public static GatewayFrame decode(ByteBuf in) {
        int packLength = in.readInt();
        int cmd = in.readUnsignedByte();
        int localIp = in.readInt();
        int localPort = in.readUnsignedShort();
        int clientIp = in.readInt();
        int clientPort = in.readUnsignedShort();
        int connectionId = in.readInt();
        int flag = in.readUnsignedByte();
        int gatewayPort = in.readUnsignedShort();
        int extLength = in.readInt();
        byte[] ext = new byte[extLength];
        in.readBytes(ext);
        byte[] body = new byte[packLength - GatewayFrame.HEADER_LENGTH - extLength];
        in.readBytes(body);
        return new GatewayFrame(cmd, localIp, localPort, clientIp, clientPort, connectionId, flag, gatewayPort, ext, body);
    }
}
