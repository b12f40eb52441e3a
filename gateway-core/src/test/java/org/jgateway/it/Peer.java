package org.jgateway.it;

import java.util.ArrayList;
import java.util.List;
import org.jgateway.test.TextClient;

/**
 * A real client of a gateway listener, text or WebSocket, with the client id its worker gave it (the worker's
 * {@link RecordingEvents#ECHO} answers "whoami" with it): one view of both kinds for asserting who received what.
 */
sealed interface Peer extends AutoCloseable permits Peer.Text, Peer.Ws {

    static Peer text(TestCluster cluster) {
        return new Text(cluster.text());
    }

    static Peer ws(TestCluster cluster) {
        return new Ws(cluster.ws(cluster.gateway(), "/"));
    }

    String id();

    Peer send(String message);

    /** The next message, waiting up to 5 s. */
    String read();

    /** The messages that arrive until the server closes the connection. */
    List<String> readUntilClosed();

    /** The messages that arrive before {@code marker} (which is consumed). */
    default List<String> readUntil(String marker) {
        List<String> before = new ArrayList<>();
        for (String message = read(); !message.equals(marker); message = read()) {
            before.add(message);
        }
        return before;
    }

    @Override
    void close();

    /** A newline-text client. */
    final class Text implements Peer {
        private final TextClient client;
        private final String id;

        Text(TextClient client) {
            this.client = client;
            this.id = client.echo("whoami");
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Peer send(String message) {
            client.send(message);
            return this;
        }

        @Override
        public String read() {
            return client.read();
        }

        @Override
        public List<String> readUntilClosed() {
            return client.linesUntilClosed();
        }

        @Override
        public void close() {
            client.close();
        }

        @Override
        public String toString() {
            return "text client " + id;
        }
    }

    /** A WebSocket client. */
    final class Ws implements Peer {
        private final WsClient client;
        private final String id;

        Ws(WsClient client) {
            this.client = client;
            this.id = client.send("whoami").read();
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Peer send(String message) {
            client.send(message);
            return this;
        }

        @Override
        public String read() {
            return client.read();
        }

        @Override
        public List<String> readUntilClosed() {
            return client.messagesUntilClosed();
        }

        @Override
        public void close() {
            client.close();
        }

        @Override
        public String toString() {
            return "WebSocket client " + id;
        }
    }
}
