package org.jgateway.gateway.listener;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jgateway.gateway.listener.WebSocketHandshakeFailed.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket pipeline byte by byte, the way Netty tests its own handshaker: bytes into an {@code EmbeddedChannel},
 * then the exact bytes written back and whether the channel closed. The clock is the channel's own, so timeouts are
 * exact too. {@link WebSocketListenerTest} runs the same pipeline over real sockets.
 */
class WebSocketPipelineTest {

    private static final ListenerOptions ANY_PATH = ListenerOptions.builder(ClientProtocol.WEBSOCKET).build();

    /** Path {@code /chat}, and a filter that refuses one origin. */
    private static final ListenerOptions GUARDED = ANY_PATH.toBuilder()
            .webSocketPath("/chat")
            .handshakeFilter(r -> !"http://evil.test".equals(r.origin()))
            .build();

    /** The masking key of RFC 6455's examples (section 5.7). */
    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    /** RFC 6455, 5.7: "A single-frame masked text message", {@code Hello}. */
    private static final byte[] RFC_MASKED_HELLO =
            bytes(0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58);

    /** The accept value for {@link RawClient#KEY}, RFC 6455's sample nonce (section 1.3). */
    private static final String ACCEPT = "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    // ---- handshake ----

    @Test
    void acceptedHandshakeIsAnswered101ThenTheRequestIsAnnouncedBeforeTheFirstMessage() {
        try (EmbeddedClient c = new EmbeddedClient(GUARDED)) {
            c.receive(RawClient.upgradeRequest("GET", "/chat?x=1", RawClient.KEY, RawClient.VERSION,
                    "Origin: http://good.test"));

            String response = c.writtenText();
            assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n").endsWith("\r\n\r\n");
            assertThat(headerLines(response))
                    .containsExactlyInAnyOrder("upgrade: websocket", "connection: upgrade", ACCEPT);
            assertThat(c.tail.events).singleElement().isInstanceOfSatisfying(WebSocketRequest.class, r -> {
                assertThat(r.path()).isEqualTo("/chat");
                assertThat(r.queryParameter("x")).isEqualTo("1");
                assertThat(r.origin()).isEqualTo("http://good.test");
            });

            c.receive(RFC_MASKED_HELLO);
            assertThat(c.tail.messages).singleElement().satisfies(m -> assertThat(m).asString(UTF_8)
                    .isEqualTo("Hello"));
            assertThat(c.written()).isEmpty();
            assertThat(c.channel.isOpen()).isTrue();
            assertThat(c.tail.handshakeFailures).isEmpty();
            assertThat(c.tail.errors).isEmpty();
        }
    }

    static Stream<Arguments> refusedByTheGuard() {
        String badRequest = refusal("400 Bad Request");
        String upgradeRequired = refusal("426 Upgrade Required", "sec-websocket-version: 13");
        return Stream.of(
                Arguments.of("other path",
                        RawClient.upgradeRequest("GET", "/other", RawClient.KEY, RawClient.VERSION),
                        refusal("404 Not Found"), Reason.WRONG_PATH),
                Arguments.of("version 8",
                        RawClient.upgradeRequest("GET", "/chat", RawClient.KEY, "Sec-WebSocket-Version: 8"),
                        upgradeRequired, Reason.UNSUPPORTED_VERSION),
                Arguments.of("no version",
                        RawClient.upgradeRequest("GET", "/chat", RawClient.KEY),
                        upgradeRequired, Reason.UNSUPPORTED_VERSION),
                Arguments.of("refused by the filter",
                        RawClient.upgradeRequest("GET", "/chat", RawClient.KEY, RawClient.VERSION,
                                "Origin: http://evil.test"),
                        refusal("403 Forbidden"), Reason.REFUSED),
                Arguments.of("absolute-form target",
                        RawClient.upgradeRequest("GET", "http://127.0.0.1/chat", RawClient.KEY, RawClient.VERSION),
                        badRequest, Reason.MALFORMED),
                Arguments.of("not HTTP", "this is not HTTP\r\n\r\n", badRequest, Reason.MALFORMED),
                Arguments.of("request line over 4096 bytes",
                        RawClient.upgradeRequest("GET", "/chat?q=" + "a".repeat(4096), RawClient.KEY,
                                RawClient.VERSION),
                        badRequest, Reason.MALFORMED),
                Arguments.of("headers over 8192 bytes",
                        RawClient.upgradeRequest("GET", "/chat", RawClient.KEY, RawClient.VERSION,
                                "X-Padding: " + "a".repeat(8192)),
                        badRequest, Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedByTheGuard(String name, String request, String response, Reason reason) {
        try (EmbeddedClient c = new EmbeddedClient(GUARDED)) {
            c.receive(request);

            assertThat(c.writtenText()).isEqualTo(response);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.handshakeFailures).singleElement().extracting(WebSocketHandshakeFailed::reason)
                    .isEqualTo(reason);
            assertThat(c.tail.events).isEmpty();
            assertThat(c.tail.errors).isEmpty();
        }
    }

    static Stream<Arguments> refusedByNettysHandshaker() {
        return Stream.of(
                Arguments.of("POST", RawClient.upgradeRequest("POST", "/", RawClient.KEY, RawClient.VERSION,
                        "Content-Length: 0")),
                Arguments.of("no key", RawClient.upgradeRequest("GET", "/", RawClient.VERSION)),
                Arguments.of("no upgrade headers",
                        "GET / HTTP/1.1\r\nHost: x\r\n" + RawClient.KEY + "\r\n" + RawClient.VERSION + "\r\n\r\n"));
    }

    /** Netty's handshaker answers with its own 400, whose body is the reason the gateway is told. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedByNettysHandshaker(String name, String request) {
        try (EmbeddedClient c = new EmbeddedClient(ANY_PATH)) {
            c.receive(request);

            WebSocketHandshakeFailed failure = c.tail.handshakeFailures.poll();
            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(failure.detail()).isNotBlank();
            assertThat(c.writtenText()).isEqualTo("HTTP/1.1 400 Bad Request\r\n\r\n" + failure.detail());
            // Before the handshake the connection is HTTP: no Close frame is written into the HTTP codec.
            assertThat(c.unsendable).isEmpty();
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.handshakeFailures).isEmpty();
            assertThat(c.tail.events).isEmpty();
        }
    }

    @Test
    void theFilterIsAskedOnlyAfterThePathAndVersionChecksPassed() {
        List<WebSocketRequest> asked = new ArrayList<>();
        ListenerOptions options = GUARDED.toBuilder().handshakeFilter(r -> asked.add(r)).build();
        for (String request : List.of(
                RawClient.upgradeRequest("GET", "/other", RawClient.KEY, RawClient.VERSION),
                RawClient.upgradeRequest("GET", "/chat", RawClient.KEY, "Sec-WebSocket-Version: 8"),
                RawClient.upgradeRequest("GET", "/chat?t=1", RawClient.KEY, RawClient.VERSION))) {
            try (EmbeddedClient c = new EmbeddedClient(options)) {
                c.receive(request);
            }
        }
        assertThat(asked).singleElement().extracting(WebSocketRequest::uri).isEqualTo("/chat?t=1");
    }

    @Test
    void handshakeTimeoutRunsFromTheConnectionNotFromTheFirstByte() {
        ListenerOptions options = ANY_PATH.toBuilder().handshakeTimeout(Duration.ofSeconds(3)).build();
        try (EmbeddedClient c = new EmbeddedClient(options)) {
            c.advanceMillis(2000);
            c.receive("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            c.advanceMillis(999);
            assertThat(c.channel.isOpen()).isTrue();
            assertThat(c.tail.handshakeFailures).isEmpty();

            c.advanceMillis(1);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.written()).isEmpty();
            assertThat(c.tail.handshakeFailures).singleElement().extracting(WebSocketHandshakeFailed::reason)
                    .isEqualTo(Reason.TIMEOUT);
            assertThat(c.tail.events).isEmpty();
        }
    }

    @Test
    void completedHandshakeCancelsTheTimeout() {
        ListenerOptions options = ANY_PATH.toBuilder().handshakeTimeout(Duration.ofSeconds(3)).build();
        try (EmbeddedClient c = handshaken(options)) {
            c.advanceMillis(30_000);
            assertThat(c.channel.isOpen()).isTrue();
            assertThat(c.written()).isEmpty();
            assertThat(c.tail.handshakeFailures).isEmpty();
        }
    }

    /**
     * A handshake has no body. One announced over {@value ClientPipeline#MAX_HANDSHAKE_BODY} bytes gets Netty's 413
     * at once, without waiting for the body; the connection then stays in HTTP and the handshake timeout ends it.
     */
    @Test
    void handshakeBodyOverTheLimitIsAnswered413AndTheTimeoutCloses() {
        ListenerOptions options = ANY_PATH.toBuilder().handshakeTimeout(Duration.ofSeconds(3)).build();
        try (EmbeddedClient c = new EmbeddedClient(options)) {
            c.receive(RawClient.upgradeRequest("GET", "/", RawClient.KEY, RawClient.VERSION,
                    "Content-Length: " + (ClientPipeline.MAX_HANDSHAKE_BODY + 1)));
            assertThat(c.writtenText()).isEqualTo("HTTP/1.1 413 Request Entity Too Large\r\ncontent-length: 0\r\n\r\n");
            assertThat(c.tail.events).isEmpty();

            c.advanceMillis(3000);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.handshakeFailures).singleElement().extracting(WebSocketHandshakeFailed::reason)
                    .isEqualTo(Reason.TIMEOUT);
            assertThat(c.tail.events).isEmpty();
        }
    }

    // ---- close codes ----

    @Test
    void clientCloseFrameIsEchoedUnmaskedThenTheChannelCloses() {
        byte[] goingAway = bytes(0x03, 0xE9, 'b', 'y', 'e');
        for (byte[] body : List.of(goingAway, new byte[0])) {
            try (EmbeddedClient c = handshaken(ANY_PATH)) {
                c.receive(clientFrame(0x88, body));

                assertThat(c.written()).containsExactly(serverFrame(0x88, body));
                assertThat(c.channel.isOpen()).isFalse();
                assertThat(c.tail.messages).isEmpty();
                assertThat(c.tail.errors).isEmpty();
            }
        }
    }

    @Test
    void serverCloseSendsOneCloseFrame1000AndNothingAfterIt() {
        try (EmbeddedClient c = handshaken(ANY_PATH)) {
            c.channel.close();
            c.channel.writeAndFlush(Unpooled.copiedBuffer("late", UTF_8));

            assertThat(c.written()).containsExactly(closeFrame(1000, "Bye"));
            assertThat(c.channel.isOpen()).isFalse();
        }
    }

    /** RFC 6455 7.4.1: 1001 "indicates that an endpoint is going away, such as a server going down". */
    @Test
    void serverGoingAwaySendsCloseFrame1001() {
        try (EmbeddedClient c = handshaken(ANY_PATH)) {
            ClientPipeline.goingAway(c.channel);
            c.channel.close();

            assertThat(c.written()).containsExactly(closeFrame(1001, "Endpoint unavailable"));
            assertThat(c.channel.isOpen()).isFalse();
        }
    }

    @Test
    void serverCloseDuringTheHandshakeWritesNoCloseFrame() {
        try (EmbeddedClient c = new EmbeddedClient(ANY_PATH)) {
            c.receive("GET / HTTP/1.1\r\nHost: x\r\n");
            c.channel.close();

            assertThat(c.written()).isEmpty();
            assertThat(c.unsendable).isEmpty();
            assertThat(c.channel.isOpen()).isFalse();
        }
    }

    static Stream<Arguments> protocolViolations() {
        return Stream.of(
                Arguments.of("unmasked frame (RFC 6455 5.7)", bytes(0x81, 0x05, 'H', 'e', 'l', 'l', 'o'), 1002),
                Arguments.of("reserved opcode 3", clientFrame(0x83, bytes('x')), 1002),
                Arguments.of("RSV1 without an extension", clientFrame(0xC1, bytes('x')), 1002),
                Arguments.of("fragmented ping", clientFrame(0x09, bytes('x')), 1002),
                Arguments.of("control frame over 125 bytes", clientFrame(0x89, new byte[126]), 1002),
                Arguments.of("continuation without a start", clientFrame(0x80, bytes('x')), 1002),
                Arguments.of("invalid UTF-8 in a text frame", clientFrame(0x81, bytes('a', 0xC0, 0x80)), 1007),
                Arguments.of("frame over maxMessageSize", clientFrame(0x82, new byte[1025]), 1009));
    }

    /** Netty's decoder and validator send the close code with the error's message as reason, then close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void protocolViolations(String name, byte[] frame, int closeCode) {
        try (EmbeddedClient c = handshaken(ANY_PATH.toBuilder().maxMessageSize(1024).build())) {
            c.receive(frame);

            Throwable error = c.tail.errors.poll();
            assertThat(error).isInstanceOfSatisfying(CorruptedWebSocketFrameException.class,
                    e -> assertThat(e.closeStatus().code()).isEqualTo(closeCode));
            // Netty's decoder or validator writes this frame below its protocol handler; no second Close follows.
            assertThat(c.written()).containsExactly(closeFrame(closeCode, error.getMessage()));
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.messages).isEmpty();
            assertThat(c.tail.errors).isEmpty();
        }
    }

    // ---- size limits ----

    @Test
    void messageOfExactlyMaxMessageSizeAcrossFragmentsIsDelivered() {
        try (EmbeddedClient c = handshaken(ANY_PATH.toBuilder().maxMessageSize(1024).build())) {
            c.receive(clientFrame(0x02, filled(600, 'a')));
            c.receive(clientFrame(0x00, filled(400, 'b')));
            assertThat(c.tail.messages).isEmpty();
            c.receive(clientFrame(0x80, filled(24, 'c')));

            assertThat(c.tail.messages).singleElement().satisfies(m -> assertThat(m).asString(ISO_8859_1)
                    .isEqualTo("a".repeat(600) + "b".repeat(400) + "c".repeat(24)));
            assertThat(c.written()).isEmpty();
            assertThat(c.channel.isOpen()).isTrue();
        }
    }

    @Test
    void messageOneByteOverMaxMessageSizeAcrossFragmentsClosesWith1009() {
        try (EmbeddedClient c = handshaken(ANY_PATH.toBuilder().maxMessageSize(1024).build())) {
            c.receive(clientFrame(0x01, filled(600, 'a')));
            assertThat(c.written()).isEmpty();
            c.receive(clientFrame(0x80, filled(425, 'b')));

            assertThat(c.written()).containsExactly(closeFrame(1009, "Message too big"));
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.errors).singleElement().isInstanceOf(TooLongFrameException.class);
            assertThat(c.tail.messages).isEmpty();
        }
    }

    // ---- helpers ----

    /** A client on {@code options}' listener whose handshake has completed, with the 101 and the event consumed. */
    private static EmbeddedClient handshaken(ListenerOptions options) {
        EmbeddedClient c = new EmbeddedClient(options);
        c.receive(RawClient.upgradeRequest("GET", "/", RawClient.KEY, RawClient.VERSION));
        assertThat(c.writtenText()).startsWith("HTTP/1.1 101 Switching Protocols\r\n").contains(ACCEPT);
        assertThat(c.tail.events.poll()).isInstanceOf(WebSocketRequest.class);
        return c;
    }

    /** The guard's refusal: the status, no body, {@code Connection: close}, then {@code extra} header lines. */
    private static String refusal(String status, String... extra) {
        StringBuilder response = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("content-length: 0\r\n")
                .append("connection: close\r\n");
        for (String line : extra) {
            response.append(line).append("\r\n");
        }
        return response.append("\r\n").toString();
    }

    private static List<String> headerLines(String responseHead) {
        List<String> lines = new ArrayList<>(List.of(responseHead.split("\r\n")));
        lines.remove(0);
        return lines;
    }

    /** A client frame: {@code first} is FIN, RSV and opcode; the payload is masked with {@link #MASK}. */
    private static byte[] clientFrame(int first, byte[] payload) {
        ByteArrayOutputStream frame = header(first, 0x80, payload.length);
        frame.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ MASK[i % MASK.length]);
        }
        return frame.toByteArray();
    }

    /** A server frame: unmasked. */
    private static byte[] serverFrame(int first, byte[] payload) {
        ByteArrayOutputStream frame = header(first, 0, payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** A server close frame with {@code code} and {@code reason}. */
    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(UTF_8);
        byte[] body = new byte[2 + text.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, text.length);
        return serverFrame(0x88, body);
    }

    /** The first byte, then the mask bit with a 7-bit length, or 126 and a 16-bit length (all under 64 KiB here). */
    private static ByteArrayOutputStream header(int first, int maskBit, int length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (length < 126) {
            frame.write(maskBit | length);
        } else {
            frame.write(maskBit | 126);
            frame.write(length >>> 8);
            frame.write(length);
        }
        return frame;
    }

    private static byte[] filled(int length, char c) {
        return String.valueOf(c).repeat(length).getBytes(ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
