package org.jgateway.samples.push;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A newline-text client of the cluster, like {@code telnet}. */
final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader reader;
    private final String clientId;

    /** Connects and reads the welcome line, which carries the client_id. */
    TextClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(5000);
            reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String welcome = read();
        if (!welcome.startsWith("welcome ")) {
            throw new AssertionError("expected the welcome line, got " + welcome);
        }
        clientId = welcome.substring("welcome ".length());
    }

    String clientId() {
        return clientId;
    }

    /** The next line, waiting up to 5 s. */
    String read() {
        try {
            String line = reader.readLine();
            if (line == null) {
                throw new AssertionError("connection closed by the server");
            }
            return line;
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
