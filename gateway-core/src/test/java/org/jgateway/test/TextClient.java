package org.jgateway.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A newline-text client on a plain or TLS socket, like {@code telnet}; shared by the modules' tests (test-jar). */
public final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader reader;
    private final OutputStream out;
    private boolean closedByServer;

    public TextClient(String host, int port) {
        this(ClientSockets.plain(host, port));
    }

    /** Over a connected socket (see {@link ClientSockets}); reads wait up to 5 s. */
    public TextClient(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(5000);
            reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TextClient send(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line, waiting up to 5 s. */
    public String read() {
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

    /** Whether the server closed the connection within {@code millis} (reading and discarding data). */
    public boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            while (true) {
                if (reader.readLine() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The lines that arrive until the server closes the connection (a reset counts as closed); fails if the connection
     * stays open without a line for 5 s.
     */
    public List<String> linesUntilClosed() {
        List<String> lines = new ArrayList<>();
        try {
            socket.setSoTimeout(5000);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after 5 s; lines so far: " + lines, e);
        } catch (IOException e) {
            // reset by the server: closed
        }
        return lines;
    }

    /**
     * The next line if one arrives within {@code millis}, else empty; also empty once the server closed the
     * connection, which {@link #closedByServer()} then tells.
     */
    public Optional<String> poll(int millis) {
        try {
            socket.setSoTimeout(millis);
            String line = reader.readLine();
            if (line == null) {
                closedByServer = true;
            }
            return Optional.ofNullable(line);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            closedByServer = true;
            return Optional.empty();
        } finally {
            try {
                socket.setSoTimeout(5000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Whether {@link #poll(int)} saw the server close the connection. */
    public boolean closedByServer() {
        return closedByServer;
    }

    /** Whether nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) {
        try {
            socket.setSoTimeout(millis);
            String line = reader.readLine();
            if (line != null) {
                throw new AssertionError("unexpected line: " + line);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout(5000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Sends {@code line} and returns the next line (the echo, for an echoing server). */
    public String echo(String line) {
        return send(line).read();
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
