package org.jgateway.test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client of the {@code frame} listeners (a 4-byte big-endian length counting itself, then the payload) and of the
 * unframed {@code tcp} ones (bytes as they are), on a plain or TLS socket (see {@link ClientSockets}); every read
 * waits up to 5 s. Shared by the modules' tests (test-jar).
 */
public final class StreamClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public StreamClient(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(5000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} as they are, in one write (one message for a {@code tcp} listener on loopback). */
    public StreamClient write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StreamClient write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} as one {@code frame} message. */
    public StreamClient writeFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return write(ByteBuffer.allocate(4 + payload.length).putInt(4 + payload.length).put(payload).array());
    }

    /** Exactly the next {@code n} bytes as UTF-8 text. */
    public String read(int n) {
        try {
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload of the next {@code frame} message as UTF-8 text. */
    public String readFrame() {
        try {
            int length = in.readInt();
            if (length < 4) {
                throw new AssertionError("frame length " + length + " is below the 4 bytes of the length itself");
            }
            return read(length - 4);
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
}
