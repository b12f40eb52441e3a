package org.jgateway.gateway.listener;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket listeners end to end on 127.0.0.1, with Netty's WebSocket client and, for malformed input, raw sockets. */
class WebSocketListenerTest {

    private static EventLoopResources loops;

    private static final ListenerOptions ANY_PATH = ListenerOptions.builder(ClientProtocol.WEBSOCKET).build();

    @BeforeAll
    static void startLoops() {
        loops = EventLoopResources.create(2, "ws-test");
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @Test
    void handshakeOnAnyPathDeliversTheRequestThenMessages() throws Exception {
        try (TestServer server = TestServer.echo(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops,
                        "ws://127.0.0.1:" + server.port() + "/chat?token=abc&x=1",
                        new DefaultHttpHeaders().add("Cookie", "sid=s1; a=b").add("Origin", "http://example.test"),
                        null, true)) {
            TestTail tail = server.nextTail();
            WebSocketRequest request = (WebSocketRequest) tail.nextEvent();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri()).isEqualTo("/chat?token=abc&x=1");
            assertThat(request.path()).isEqualTo("/chat");
            assertThat(request.queryParameters()).containsExactly(Map.entry("token", "abc"), Map.entry("x", "1"));
            assertThat(request.cookies()).containsExactly(Map.entry("sid", "s1"), Map.entry("a", "b"));
            assertThat(request.origin()).isEqualTo("http://example.test");
            assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(request.remotePort()).isEqualTo(client.channelLocalPort());
            assertThat(request.serverPort()).isEqualTo(server.port());

            client.send(new TextWebSocketFrame("ws-msg"));
            assertThat(tail.nextMessage()).asString(UTF_8).isEqualTo("ws-msg");
            assertThat(client.next()).satisfies(f -> {
                assertThat(f.type()).isEqualTo(TextWebSocketFrame.class);
                assertThat(f.content()).asString(UTF_8).isEqualTo("ws-msg");
            });

            // Binary in, and an echo that is not UTF-8 goes out as binary although the listener sends text.
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, (byte) 0xFF})));
            assertThat(tail.nextMessage()).containsExactly(1, 2, 0xFF);
            assertThat(client.next()).satisfies(f -> {
                assertThat(f.type()).isEqualTo(BinaryWebSocketFrame.class);
                assertThat(f.content()).containsExactly(1, 2, 0xFF);
            });
            assertThat(tail.events).isEmpty();
        }
    }

    @Test
    void binaryListenerSendsBinaryFrames() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder().webSocketFrameType(WebSocketFrameType.BINARY).build();
        try (TestServer server = TestServer.echo(loops, options);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            client.send(new TextWebSocketFrame("hi"));
            assertThat(client.next().type()).isEqualTo(BinaryWebSocketFrame.class);
        }
    }

    @Test
    void fixedPathAcceptsOnlyThatPath() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder().webSocketPath("/chat").build();
        try (TestServer server = TestServer.recording(loops, options)) {
            try (WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/chat?x=1")) {
                assertThat(((WebSocketRequest) server.nextTail().nextEvent()).path()).isEqualTo("/chat");
                assertThat(client.channel.isActive()).isTrue();
            }
            for (String target : List.of("/", "/chat/more", "/chatroom", "/other?x=/chat")) {
                try (RawClient raw = new RawClient(server.port())) {
                    raw.write(RawClient.upgradeRequest("GET", target, RawClient.KEY, RawClient.VERSION));
                    assertThat(raw.readHead()).as(target).startsWith("HTTP/1.1 404 Not Found\r\n");
                    assertThat(raw.readToEnd()).isEmpty();
                }
                TestTail tail = server.nextTail();
                tail.inactive.get(5, TimeUnit.SECONDS);
                assertThat(tail.events).isEmpty();
            }
        }
    }

    @Test
    void pipelineAfterHandshakeHasNoHttpHandlers() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            tail.nextEvent();
            assertThat(client.channel.isActive()).isTrue();
            Channel ch = tail.channel();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ch.pipeline().names())
                    .containsExactly("wsencoder", ClientPipeline.WEBSOCKET_CLOSE, "wsdecoder",
                            "io.netty.handler.codec.http.websocketx.Utf8FrameValidator",
                            ClientPipeline.WEBSOCKET_PROTOCOL, ClientPipeline.WEBSOCKET_AGGREGATOR,
                            ClientPipeline.WEBSOCKET_MESSAGES, ClientPipeline.TAIL,
                            "DefaultChannelPipeline$TailContext#0"));
        }
    }

    @Test
    void messagesWrittenBeforeTheHandshakeAreSentAfterIt() throws Exception {
        TestServerWithWelcome welcome = new TestServerWithWelcome();
        try (TestServer server = TestServer.custom(loops, ANY_PATH, () -> welcome);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            assertThat(client.next().content()).asString(UTF_8).isEqualTo("welcome");
            client.send(new TextWebSocketFrame("after"));
            assertThat(welcome.nextMessage()).asString(UTF_8).isEqualTo("after");
        }
    }

    @Test
    void fragmentedMessageIsReassembled() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            tail.nextEvent();
            client.send(new TextWebSocketFrame(false, 0, "Hel"));
            client.send(new ContinuationWebSocketFrame(false, 0, "lo, "));
            client.send(new ContinuationWebSocketFrame(true, 0, "world"));
            assertThat(tail.nextMessage()).asString(UTF_8).isEqualTo("Hello, world");
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void pingIsAnsweredWithPongAndNotForwarded() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            client.send(new PingWebSocketFrame(Unpooled.copiedBuffer("beat", UTF_8)));
            assertThat(client.next()).satisfies(f -> {
                assertThat(f.type()).isEqualTo(PongWebSocketFrame.class);
                assertThat(f.content()).asString(UTF_8).isEqualTo("beat");
            });
            client.send(new PongWebSocketFrame(Unpooled.copiedBuffer("unsolicited", UTF_8)));
            client.send(new TextWebSocketFrame("then"));
            assertThat(tail.nextMessage()).asString(UTF_8).isEqualTo("then");
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void closeHandshakeIsAnsweredAndCloses() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            client.send(new CloseWebSocketFrame(1000, "bye"));
            assertThat(client.next()).satisfies(f -> {
                assertThat(f.type()).isEqualTo(CloseWebSocketFrame.class);
                assertThat(f.closeStatus()).isEqualTo(1000);
            });
            assertThat(client.awaitClosed()).isTrue();
            tail.inactive.get(5, TimeUnit.SECONDS);
            assertThat(tail.messages).isEmpty();
            assertThat(tail.errors).isEmpty();
        }
    }

    @Test
    void serverCloseSendsCloseFrame() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            tail.nextEvent();
            tail.channel().close();
            assertThat(client.next().closeStatus()).isEqualTo(1000);
            assertThat(client.awaitClosed()).isTrue();
        }
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder().maxMessageSize(1024).build();
        try (TestServer server = TestServer.recording(loops, options);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1024])));
            assertThat(tail.nextMessage()).hasSize(1024);
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1025])));
            assertThat(client.next().closeStatus()).isEqualTo(1009);
            assertThat(client.awaitClosed()).isTrue();
            assertThat(tail.nextError()).isInstanceOf(CorruptedFrameException.class);
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void oversizedFragmentedMessageClosesWith1009() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder().maxMessageSize(1024).build();
        try (TestServer server = TestServer.recording(loops, options);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            client.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
            client.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[600])));
            assertThat(client.next().closeStatus()).isEqualTo(1009);
            assertThat(client.awaitClosed()).isTrue();
            assertThat(tail.nextError()).isInstanceOf(TooLongFrameException.class);
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void invalidUtf8TextFrameClosesWith1007() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/")) {
            TestTail tail = server.nextTail();
            client.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'a', (byte) 0xC0, (byte) 0x80})));
            assertThat(client.next().closeStatus()).isEqualTo(1007);
            assertThat(client.awaitClosed()).isTrue();
            assertThat(tail.nextError()).isInstanceOf(CorruptedFrameException.class);
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void unmaskedClientFrameClosesWith1002() throws Exception {
        try (TestServer server = TestServer.recording(loops, ANY_PATH);
                WsTestClient client = WsTestClient.connect(loops, "ws://127.0.0.1:" + server.port() + "/",
                        new DefaultHttpHeaders(), null, false)) {
            TestTail tail = server.nextTail();
            client.send(new TextWebSocketFrame("naked"));
            assertThat(client.next().closeStatus()).isEqualTo(1002);
            assertThat(client.awaitClosed()).isTrue();
            assertThat(tail.nextError()).isInstanceOf(CorruptedFrameException.class);
            assertThat(tail.messages).isEmpty();
        }
    }

    @Test
    void malformedHandshakesGetAnHttpErrorAndAreClosed() throws Exception {
        Map<String, String> expectedStatusByRequest = Map.of(
                RawClient.upgradeRequest("GET", "/", RawClient.KEY, "Sec-WebSocket-Version: 99"),
                "HTTP/1.1 426 Upgrade Required",
                RawClient.upgradeRequest("GET", "/", RawClient.KEY, "Sec-WebSocket-Version: 8"),
                "HTTP/1.1 426 Upgrade Required",
                RawClient.upgradeRequest("GET", "/", RawClient.KEY),
                "HTTP/1.1 426 Upgrade Required",
                RawClient.upgradeRequest("GET", "/", RawClient.VERSION),
                "HTTP/1.1 400 Bad Request",
                RawClient.upgradeRequest("POST", "/", RawClient.KEY, RawClient.VERSION, "Content-Length: 0"),
                "HTTP/1.1 400 Bad Request",
                "GET / HTTP/1.1\r\nHost: x\r\n" + RawClient.KEY + "\r\n" + RawClient.VERSION + "\r\n\r\n",
                "HTTP/1.1 400 Bad Request",
                RawClient.upgradeRequest("GET", "http://127.0.0.1/", RawClient.KEY, RawClient.VERSION),
                "HTTP/1.1 400 Bad Request",
                "this is not HTTP\r\n\r\n",
                "HTTP/1.1 400 Bad Request");
        try (TestServer server = TestServer.recording(loops, ANY_PATH)) {
            for (Map.Entry<String, String> c : expectedStatusByRequest.entrySet()) {
                try (RawClient raw = new RawClient(server.port())) {
                    raw.write(c.getKey());
                    assertThat(raw.readHead()).as(c.getKey()).startsWith(c.getValue() + "\r\n");
                    raw.readToEnd();
                }
                TestTail tail = server.nextTail();
                tail.inactive.get(5, TimeUnit.SECONDS);
                assertThat(tail.events).as(c.getKey()).isEmpty();
                assertThat(tail.messages).isEmpty();
            }
        }
    }

    @Test
    void handshakeFilterRefusesWith403BeforeTheGatewayHears() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder()
                .handshakeFilter(r -> "http://good.test".equals(r.origin()) && "abc".equals(r.queryParameter("t")))
                .build();
        try (TestServer server = TestServer.recording(loops, options)) {
            try (RawClient raw = new RawClient(server.port())) {
                raw.write(RawClient.upgradeRequest("GET", "/?t=abc", RawClient.KEY, RawClient.VERSION,
                        "Origin: http://evil.test"));
                assertThat(raw.readHead()).startsWith("HTTP/1.1 403 Forbidden\r\n");
                assertThat(raw.readToEnd()).isEmpty();
            }
            TestTail refused = server.nextTail();
            refused.inactive.get(5, TimeUnit.SECONDS);
            assertThat(refused.events).isEmpty();

            try (RawClient raw = new RawClient(server.port())) {
                raw.write(RawClient.upgradeRequest("GET", "/?t=abc", RawClient.KEY, RawClient.VERSION,
                        "Origin: http://good.test"));
                assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ")
                        .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                assertThat(server.nextTail().nextEvent()).isInstanceOf(WebSocketRequest.class);
            }
        }
    }

    @Test
    void silentClientIsClosedAfterTheHandshakeTimeout() throws Exception {
        ListenerOptions options = ANY_PATH.toBuilder().handshakeTimeout(Duration.ofMillis(200)).build();
        try (TestServer server = TestServer.recording(loops, options);
                RawClient raw = new RawClient(server.port())) {
            raw.write("GET / HTTP/1.1\r\n");
            assertThat(raw.readToEnd()).isEmpty();
            TestTail tail = server.nextTail();
            assertThat(tail.events).isEmpty();
            assertThat(tail.handshakeFailures.poll(5, TimeUnit.SECONDS).reason())
                    .isEqualTo(WebSocketHandshakeFailed.Reason.TIMEOUT);
        }
    }

    @Test
    void gatewayMayCloseBeforeTheHandshake() throws Exception {
        TestTail refusing = new TestTail() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                // Like a gateway with no worker: a held welcome, then close at once.
                ctx.writeAndFlush(WebSocketMessageEncoder.TEXT.encode(ctx.alloc(), "welcome".getBytes(UTF_8)));
                ctx.channel().close();
                super.channelActive(ctx);
            }
        };
        try (TestServer server = TestServer.custom(loops, ANY_PATH, () -> refusing);
                RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readToEnd()).isEmpty();
            refusing.inactive.get(5, TimeUnit.SECONDS);
            assertThat(refusing.events).isEmpty();
            assertThat(refusing.errors).isEmpty();
        }
    }

    /** A tail that greets the client from channelActive, before the handshake has happened. */
    private static final class TestServerWithWelcome extends TestTail {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(WebSocketMessageEncoder.TEXT.encode(ctx.alloc(), "welcome".getBytes(UTF_8)));
            super.channelActive(ctx);
        }
    }
}
