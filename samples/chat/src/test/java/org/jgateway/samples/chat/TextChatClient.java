package org.jgateway.samples.chat;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A telnet user: a plain socket sending and reading lines; keeps every line it got. */
final class TextChatClient implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Socket socket;
    private final OutputStream out;

    TextChatClient(int port) {
        try {
            this.socket = new Socket("127.0.0.1", port);
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::read, "text-chat-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Types a line, with telnet's CRLF. */
    void type(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a line equal to {@code expected} arrived. */
    void awaitLine(String expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(expected));
    }

    /** Waits until a line starting with {@code prefix} arrived. */
    void awaitLineStartingWith(String prefix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line -> line.startsWith(prefix)));
    }

    List<String> lines() {
        return lines;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or the server: the same for the lines we kept
        } finally {
            closed.set(true);
        }
    }
}
