package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;

/**
 * A plain socket for hostile input: writes arbitrary bytes (a write the server cut short by closing counts as
 * written) and tells whether the server closed the connection.
 */
final class RawSocket implements AutoCloseable {

    /** The key of RFC 6455's example handshake. */
    static final String WS_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Socket socket;
    private final InputStream in;

    RawSocket(String host, int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 3000);
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawSocket(int port) {
        this("127.0.0.1", port);
    }

    /** Writes {@code bytes}; an error because the server already closed is not one. */
    RawSocket write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // Reset or broken pipe: the server closed while we were still writing, which is what we provoke.
        }
        return this;
    }

    RawSocket write(String latin1) {
        return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Completes a WebSocket handshake on {@code path}; fails unless the answer is 101. */
    RawSocket webSocketHandshake(String path) {
        write(upgrade("GET", path, "Sec-WebSocket-Key: " + WS_KEY, "Sec-WebSocket-Version: 13"));
        assertThat(readHead()).startsWith("HTTP/1.1 101 ");
        return this;
    }

    /** An HTTP response head, up to and including the empty line. */
    String readHead() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed in response head: " + head);
                }
                head.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One line without its ending. */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new AssertionError("connection closed in a line: " + line);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** A query reply: a 4-byte length, then that many bytes. */
    String readQueryReply() {
        try {
            DataInputStream data = new DataInputStream(in);
            byte[] payload = new byte[data.readInt()];
            data.readFully(payload);
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection within {@code millis}, discarding what it sent before. */
    boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // An error response or a close frame may come first.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends a FIN: the client is done writing (a half-close). */
    RawSocket shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A gateway protocol frame, whole: its 4-byte {@code pack_len} counts every byte of it. */
    byte[] readFrame() {
        try {
            DataInputStream data = new DataInputStream(in);
            int length = data.readInt();
            byte[] frame = ByteBuffer.allocate(length).putInt(length).array();
            data.readFully(frame, 4, length - 4);
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client side's port, as the server sees it. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** The next {@code n} bytes. */
    byte[] read(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes the connection (within the socket timeout). */
    byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** An upgrade request with Host, Upgrade and Connection headers plus {@code extra} header lines. */
    static String upgrade(String method, String target, String... extra) {
        StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        for (String line : extra) {
            req.append(line).append("\r\n");
        }
        return req.append("\r\n").toString();
    }

    /** A client WebSocket frame: {@code first} is FIN, RSV and opcode; masked with a zero key unless told not to. */
    static byte[] wsFrame(int first, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(mask | payload.length);
        } else if (payload.length < 65536) {
            out.write(mask | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            out.writeBytes(new byte[4]);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The bytes of {@code frame} as the gateway protocol encodes it. */
    static byte[] frame(GatewayFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            GatewayFrameCodec.encode(frame, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
