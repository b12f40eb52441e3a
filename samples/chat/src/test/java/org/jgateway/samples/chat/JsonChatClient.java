package org.jgateway.samples.chat;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A chat client speaking the page's JSON protocol over the JDK's WebSocket client; keeps every event it got. */
final class JsonChatClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final WebSocket socket;

    JsonChatClient(int port) {
        this.socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new Collector())
                .join();
    }

    /** One send at a time: the JDK's WebSocket refuses a send while another is in progress (pongs race the test). */
    synchronized void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    /** Logs in and waits until the room announced it. */
    JsonChatClient login(String name, String room) {
        send(Map.of("type", "login", "name", name, "room", room));
        awaitEvent("join", event -> event.path("name").asString().equals(name));
        return this;
    }

    /** The first event of that type matching the condition, waiting for it. */
    JsonNode awaitEvent(String type, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> find(type, condition), Optional::isPresent)
                .orElseThrow();
    }

    Optional<JsonNode> find(String type, Predicate<JsonNode> condition) {
        return received.stream()
                .filter(event -> event.path("type").asString().equals(type) && condition.test(event))
                .findFirst();
    }

    List<JsonNode> received() {
        return received;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            await().atMost(Duration.ofSeconds(10)).until(closed::isDone);
        }
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode event = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (event.path("type").asString().equals("ping")) {
                    send(Map.of("type", "pong"));        // as the page does
                }
                received.add(event);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }
}
