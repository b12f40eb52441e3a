package org.jgateway.samples.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client of one of the reference app's listeners, as a test sees it: messages in, messages out, the close. */
interface TestClient extends AutoCloseable {

    Duration TIMEOUT = Duration.ofSeconds(5);

    /** Sends one message. */
    void send(String message) throws Exception;

    /** The next message received, waiting up to {@link #TIMEOUT}; fails when none comes or the server closed. */
    String next() throws Exception;

    /** Waits until the server closed the connection, failing if a message comes first. */
    void awaitClosedByServer() throws Exception;

    /** The client's local port, as the gateway sees it. */
    int localPort();

    @Override
    void close() throws Exception;

    /** The listener a test client connects to. */
    enum Protocol {
        TEXT, WEBSOCKET;

        Protocol other() {
            return this == TEXT ? WEBSOCKET : TEXT;
        }
    }

    /** A newline text client: one message per line. */
    final class Text implements TestClient {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Text(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        @Override
        public void send(String message) throws IOException {
            out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public String next() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("closed by the server");
            }
            return line;
        }

        @Override
        public void awaitClosedByServer() throws IOException {
            String line = in.readLine();
            if (line != null) {
                throw new AssertionError("expected the close, got " + line);
            }
        }

        @Override
        public int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A WebSocket client (the JDK's), on a path with a query string: the listener accepts any path. */
    final class Ws implements TestClient, WebSocket.Listener {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        private static final String CLOSED = "\u0000closed";

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Ws(int port) throws Exception {
            socket = HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/reference/test?token=abc"), this)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            return onText(webSocket, StandardCharsets.UTF_8.decode(data), last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            received.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedByServer.completeExceptionally(error);
            received.add(CLOSED);
        }

        @Override
        public void send(String message) throws Exception {
            socket.sendText(message, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public String next() throws Exception {
            String message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new TimeoutException("no message within " + TIMEOUT);
            }
            if (message.equals(CLOSED)) {
                throw new IOException("closed by the server");
            }
            return message;
        }

        @Override
        public void awaitClosedByServer() throws Exception {
            String message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!CLOSED.equals(message)) {
                throw new AssertionError("expected the close, got " + message);
            }
            closedByServer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Unknown for the JDK client; the tests read it from the server's reply. */
        @Override
        public int localPort() {
            return -1;
        }

        @Override
        public void close() {
            try {
                if (!socket.isOutputClosed()) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                // the server closed first, or the close frame could not be written: abort below either way
            } finally {
                socket.abort();
            }
        }
    }
}
