package org.jgateway.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking socket client that speaks the register protocol the way PHP does: raw line bytes out, one line in.
 * Reads time out after 5 s so a broken test fails instead of hanging.
 */
final class RawLineClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    RawLineClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as is (include the {@code \n}). */
    RawLineClient write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawLineClient write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without its {@code \n}; null at end of stream. */
    String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the peer closed the connection: end of stream (or a reset) before any further line. */
    boolean isClosedByPeer() {
        try {
            return in.readLine() == null;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
