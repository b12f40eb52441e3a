package org.jgateway.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.register.HostAndPort;

/**
 * Gateway API calls the way PHP's GatewayClient makes them: a fresh TCP connection to the gateway's inner port per
 * call, the {@code CMD_GATEWAY_CLIENT_CONNECT} frame (when there is a secret) and the command in one write; for a query
 * the 4-byte length and the PHP-serialized reply are read; then the connection is closed.
 */
final class PhpClientCalls {

    private final String secret;

    PhpClientCalls(String secret) {
        this.secret = secret;
    }

    /** A fire-and-forget command: written, then the connection is closed without reading. */
    void command(String gatewayAddress, GatewayFrame command) {
        try (Socket socket = connect(gatewayAddress)) {
            socket.getOutputStream().write(request(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query: the reply's PHP-serialized payload, without its length. */
    byte[] query(String gatewayAddress, GatewayFrame query) {
        try (Socket socket = connect(gatewayAddress)) {
            socket.getOutputStream().write(request(query));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame written without authentication; returns once the gateway closed the connection. */
    static void unauthenticated(String gatewayAddress, GatewayFrame frame) {
        try (Socket socket = connect(gatewayAddress)) {
            socket.getOutputStream().write(new PhpClientCalls("").request(frame));
            if (socket.getInputStream().read() != -1) {
                throw new AssertionError("the gateway answered an unauthenticated " + frame);
            }
        } catch (IOException e) {
            // reset: closed
        }
    }

    private byte[] request(GatewayFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            if (!secret.isEmpty()) {
                GatewayFrameCodec.encode(GatewayFrame.scalarCommand(GatewayCommand.GATEWAY_CLIENT_CONNECT, 0, new byte[0],
                        ("{\"secret_key\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8)), buf);
            }
            GatewayFrameCodec.encode(frame, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static Socket connect(String gatewayAddress) throws IOException {
        HostAndPort address = HostAndPort.parse(gatewayAddress);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.host(), address.port()), 3000);
        socket.setSoTimeout(5000);
        return socket;
    }
}
