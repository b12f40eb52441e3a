package org.jgateway.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.register.RegisterStats;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against a running cluster (register, a gateway with WebSocket, text and frame listeners, a worker, a
 * secret key). Every case asserts that the offending connection is closed (or, where GatewayWorker keeps it, that it
 * still answers), that the matching counter went up, and that a client connected before and a client connected
 * after still get their echo. The leak detector runs at PARANOID and fails the class on any leaked buffer.
 */
class MalformedInputTest {

    private static final String SECRET = "s3cret";
    private static final int FRAME_LIMIT = 1024;
    private static final int TEXT_LIMIT = ListenerOptions.DEFAULT_MAX_MESSAGE_SIZE;

    private static TestCluster cluster;

    /** One hostile input: what it does and which counter must go up. */
    record Case(String name, Runnable attack, LongSupplier counter) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        cluster = new TestCluster(SECRET);
        cluster.addGateway("127.0.0.1", b -> b.listener(ListenerOptions.builder(ClientProtocol.FRAME).name("frame")
                .port(0).maxMessageSize(FRAME_LIMIT).build(), 0));
        cluster.addWorker(new RecordingEvents("worker"), b -> { });
        cluster.awaitMesh();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputClosesOnlyItsConnectionAndIsCounted(Case c) {
        long before = c.counter().getAsLong();
        try (TextClient healthy = cluster.text()) {
            assertEcho(healthy, "before " + c.name());
            c.attack().run();
            await().atMost(Duration.ofSeconds(5)).until(() -> c.counter().getAsLong() > before);
            assertEcho(healthy, "after " + c.name());
        }
        try (TextClient fresh = cluster.text()) {
            assertEcho(fresh, "fresh after " + c.name());
        }
        try (RawSocket worker = new RawSocket(cluster.register.port())) {
            worker.write("{\"event\":\"worker_connect\",\"secret_key\":\"" + SECRET + "\"}\n");
            assertThat(worker.readLine()).startsWith("{\"event\":\"broadcast_addresses\"");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(webSocketHandshakes());
        cases.addAll(webSocketFrames());
        cases.addAll(textAndFrame());
        cases.addAll(innerPort());
        cases.addAll(phpSerialized());
        cases.addAll(register());
        return cases.stream();
    }

    private static List<Case> webSocketHandshakes() {
        LongSupplier errors = listener("ws", GatewayStats::clientProtocolErrors);
        String key = "Sec-WebSocket-Key: " + RawSocket.WS_KEY;
        String v13 = "Sec-WebSocket-Version: 13";
        return List.of(
                handshake("ws: not HTTP at all", "this is not HTTP\r\n\r\n", "400", errors),
                handshake("ws: binary garbage as a request", new String(randomBytes(300, 1), UTF_8) + "\r\n\r\n",
                        "400", errors),
                handshake("ws: wrong version 8", RawSocket.upgrade("GET", "/", key, "Sec-WebSocket-Version: 8"), "426",
                        errors),
                handshake("ws: no version", RawSocket.upgrade("GET", "/", key), "426", errors),
                handshake("ws: missing key", RawSocket.upgrade("GET", "/", v13), "400", errors),
                handshake("ws: POST", RawSocket.upgrade("POST", "/", key, v13, "Content-Length: 0"), "400", errors),
                handshake("ws: no upgrade headers", "GET / HTTP/1.1\r\nHost: x\r\n" + key + "\r\n" + v13 + "\r\n\r\n",
                        "400", errors),
                handshake("ws: absolute-form target", RawSocket.upgrade("GET", "http://127.0.0.1/", key, v13), "400",
                        errors));
    }

    private static List<Case> webSocketFrames() {
        LongSupplier errors = listener("ws", GatewayStats::clientProtocolErrors);
        byte[] hello = "hello".getBytes(UTF_8);
        return List.of(
                wsFrames("ws: unmasked client frame", errors, RawSocket.wsFrame(0x81, false, hello)),
                wsFrames("ws: frame over maxMessageSize", errors,
                        RawSocket.wsFrame(0x82, true, new byte[ListenerOptions.DEFAULT_MAX_MESSAGE_SIZE + 1])),
                wsFrames("ws: 64-bit length with the top bit set", errors,
                        new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}),
                wsFrames("ws: invalid UTF-8 in a text frame", errors,
                        RawSocket.wsFrame(0x81, true, new byte[] {'a', (byte) 0xC0, (byte) 0x80})),
                wsFrames("ws: invalid UTF-8 split over fragments", errors,
                        RawSocket.wsFrame(0x01, true, new byte[] {'a', (byte) 0xE2}),
                        RawSocket.wsFrame(0x80, true, new byte[] {(byte) 0x28, (byte) 0xA1})),
                wsFrames("ws: fragmented ping", errors, RawSocket.wsFrame(0x09, true, hello)),
                wsFrames("ws: ping over 125 bytes", errors, RawSocket.wsFrame(0x89, true, new byte[126])),
                wsFrames("ws: reserved data opcode 3", errors, RawSocket.wsFrame(0x83, true, hello)),
                wsFrames("ws: reserved control opcode 0xB", errors, RawSocket.wsFrame(0x8B, true, hello)),
                wsFrames("ws: RSV1 without an extension", errors, RawSocket.wsFrame(0xC1, true, hello)),
                wsFrames("ws: continuation without a start", errors, RawSocket.wsFrame(0x80, true, hello)),
                wsFrames("ws: new message inside a fragmented one", errors, RawSocket.wsFrame(0x01, true, hello),
                        RawSocket.wsFrame(0x81, true, hello)),
                wsFrames("ws: close frame with a 1-byte body", errors, RawSocket.wsFrame(0x88, true, new byte[] {3})),
                wsFrames("ws: fragmented message over maxMessageSize", errors,
                        RawSocket.wsFrame(0x02, true, new byte[TEXT_LIMIT / 2 + 1]),
                        RawSocket.wsFrame(0x80, true, new byte[TEXT_LIMIT / 2 + 1])));
    }

    private static List<Case> textAndFrame() {
        LongSupplier textErrors = listener("text", GatewayStats::clientProtocolErrors);
        LongSupplier frameErrors = listener("frame", GatewayStats::clientProtocolErrors);
        byte[] longLine = new byte[TEXT_LIMIT + 2];
        Arrays.fill(longLine, (byte) 'x');
        longLine[longLine.length - 1] = '\n';
        byte[] garbage = randomBytes(TEXT_LIMIT + 16, 2);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        return List.of(
                attack("text: a line over the limit", "text", textErrors, longLine),
                attack("text: binary garbage without line ends", "text", textErrors, garbage),
                attack("frame: length 0", "frame", frameErrors, new byte[] {0, 0, 0, 0}),
                attack("frame: length 3, inside its own header", "frame", frameErrors, new byte[] {0, 0, 0, 3, 'x'}),
                attack("frame: negative length", "frame", frameErrors, new byte[] {(byte) 0x80, 0, 0, 0}),
                attack("frame: length 0xFFFFFFFF", "frame", frameErrors,
                        new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                attack("frame: payload over the limit", "frame", frameErrors, new byte[] {0, 0, 4, 5}));
    }

    private static List<Case> innerPort() {
        LongSupplier protocol = listener("text", GatewayStats::innerProtocolErrors);
        LongSupplier unauthorized = listener("text", GatewayStats::unauthorizedInner);
        LongSupplier invalid = listener("text", GatewayStats::invalidCommands);
        byte[] header = RawSocket.frame(GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, 1, null, "x".getBytes(UTF_8)));
        return List.of(
                inner("inner: short header, then EOF", protocol, Arrays.copyOf(header, 11)),
                inner("inner: frame cut short, then EOF", protocol, Arrays.copyOf(header, header.length - 1)),
                inner("inner: pack_len 0", protocol, packLen(0)),
                inner("inner: pack_len 27, below the header", protocol, packLen(27)),
                inner("inner: pack_len over maxInnerFrameLength", protocol, packLen(10 * 1024 * 1024 + 1)),
                inner("inner: pack_len 0xFFFFFFFF", protocol, packLen(-1)),
                inner("inner: ext_len beyond pack_len", protocol, extLenBeyond()),
                inner("inner: command before authentication", unauthorized, header),
                inner("inner: query before authentication", unauthorized,
                        RawSocket.frame(GatewayFrame.command(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, 1, null, null))),
                inner("inner: unknown command before authentication", unauthorized,
                        RawSocket.frame(GatewayFrame.command(99, 0, 1, null, null))),
                inner("inner: worker with a wrong secret", unauthorized, workerConnect("wrong")),
                inner("inner: worker without a secret", unauthorized,
                        auth(GatewayCommand.WORKER_CONNECT, "{\"worker_key\":\"evil:1\"}")),
                inner("inner: client with a wrong secret", unauthorized,
                        auth(GatewayCommand.GATEWAY_CLIENT_CONNECT, "{\"secret_key\":\"s3cre\"}")),
                inner("inner: auth body that is not JSON", unauthorized,
                        auth(GatewayCommand.GATEWAY_CLIENT_CONNECT, "secret_key=" + SECRET)),
                inner("inner: wrong secret after authenticating", unauthorized,
                        concat(clientAuth(), workerConnect("wrong"))),
                new Case("inner: unknown command after authentication keeps the connection (as PHP)",
                        () -> staysOpen(RawSocket.frame(GatewayFrame.command(99, 0, 1, null, null))), invalid),
                new Case("inner: malformed SEND_TO_GROUP ext keeps the connection (as PHP)",
                        () -> staysOpen(RawSocket.frame(GatewayFrame.scalarCommand(GatewayCommand.SEND_TO_GROUP, 0,
                                "{\"group\":".getBytes(UTF_8), "x".getBytes(UTF_8)))), invalid));
    }

    private static List<Case> phpSerialized() {
        LongSupplier invalid = listener("text", GatewayStats::invalidCommands);
        return List.of(
                session("php: nesting deeper than the limit", "a:1:{i:0;".repeat(100) + "N;" + "}".repeat(100), invalid),
                session("php: string length beyond the input", "a:1:{s:1:\"k\";s:100:\"ab\";}", invalid),
                session("php: element count beyond the input", "a:1000000000:{i:0;i:1;}", invalid),
                session("php: an object", "a:1:{s:1:\"k\";O:8:\"stdClass\":0:{}}", invalid),
                session("php: a reference", "a:2:{i:0;i:1;i:1;R:2;}", invalid),
                session("php: trailing bytes", "a:0:{}a:0:{}", invalid));
    }

    private static List<Case> register() {
        LongSupplier bad = () -> cluster.register.stats().badRequests();
        LongSupplier wrongSecret = () -> cluster.register.stats().wrongSecrets();
        byte[] longLine = new byte[70 * 1024];
        Arrays.fill(longLine, (byte) '{');
        return List.of(
                registerLine("register: binary garbage", concat(randomBytes(200, 3), new byte[] {'\n'}), bad),
                registerLine("register: a line that is not JSON", "hello register\n".getBytes(UTF_8), bad),
                registerLine("register: JSON without event", "{\"secret_key\":\"s3cret\"}\n".getBytes(UTF_8), bad),
                registerLine("register: unknown event", "{\"event\":\"gimme\"}\n".getBytes(UTF_8), bad),
                registerLine("register: JSON that is not an object", "[\"worker_connect\"]\n".getBytes(UTF_8), bad),
                registerLine("register: invalid UTF-8", new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'}, bad),
                registerLine("register: line over the limit", longLine, bad),
                registerLine("register: gateway_connect without address",
                        ("{\"event\":\"gateway_connect\", \"secret_key\":\"" + SECRET + "\"}\n").getBytes(UTF_8), bad),
                registerLine("register: worker with a wrong secret",
                        "{\"event\":\"worker_connect\",\"secret_key\":\"nope\"}\n".getBytes(UTF_8), wrongSecret),
                registerLine("register: gateway without a secret",
                        "{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:1\"}\n".getBytes(UTF_8), wrongSecret),
                registerLine("register: wrong secret after a ping",
                        "{\"event\":\"ping\"}\n{\"event\":\"worker_connect\",\"secret_key\":\"x\"}\n".getBytes(UTF_8),
                        wrongSecret));
    }

    @Test
    void silentRegisterConnectionIsClosedAtTheDeadline() {
        assertThat(RegisterOptions.DEFAULT_AUTH_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        try (RegisterServer register = new RegisterServer(RegisterOptions.builder().port(0)
                .authTimeout(Duration.ofMillis(300)).build(), cluster.loops.borrowed()).start();
                RawSocket silent = new RawSocket(register.port());
                RawSocket talker = new RawSocket(register.port())) {
            talker.write("{\"event\":\"worker_connect\",\"secret_key\":\"\"}\n");
            assertThat(talker.readLine()).isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[]}");
            assertThat(silent.closedWithin(3000)).isTrue();
            RegisterStats stats = register.stats();
            assertThat(stats.authTimeouts()).isEqualTo(1);
            // The peer that spoke in time is not timed out.
            assertThat(talker.closedWithin(500)).isFalse();
        }
    }

    @Test
    void webSocketDataAfterCloseIsNeverDelivered() {
        RecordingEvents events = cluster.recordings.get(0);
        ListenerStatus ws = cluster.gateway().listener("ws");
        long messages = ws.stats().clientMessagesIn();
        try (RawSocket client = new RawSocket(ws.port())) {
            client.webSocketHandshake("/");
            client.write(concat(RawSocket.wsFrame(0x88, true, new byte[] {0x03, (byte) 0xE8}),
                    RawSocket.wsFrame(0x81, true, "after close".getBytes(UTF_8))));
            assertThat(client.closedWithin(5000)).isTrue();
        }
        try (TextClient healthy = cluster.text()) {
            assertEcho(healthy, "healthy");
        }
        // The close handshake ends the connection; what follows the close frame is discarded unread.
        assertThat(ws.stats().clientMessagesIn()).isEqualTo(messages);
        assertThat(events.events).noneMatch(e -> e.endsWith("after close"));
    }

    // ---- case builders -------------------------------------------------------------------------------------------

    private static Case handshake(String name, String request, String status, LongSupplier counter) {
        return new Case(name, () -> {
            try (RawSocket raw = new RawSocket(cluster.gateway().listener("ws").port())) {
                raw.write(request);
                assertThat(raw.readHead()).as(name).startsWith("HTTP/1.1 " + status + " ");
                assertThat(raw.closedWithin(5000)).as(name).isTrue();
            }
        }, counter);
    }

    private static Case wsFrames(String name, LongSupplier counter, byte[]... frames) {
        return new Case(name, () -> {
            try (RawSocket raw = new RawSocket(cluster.gateway().listener("ws").port())) {
                raw.webSocketHandshake("/");
                for (byte[] frame : frames) {
                    raw.write(frame);
                }
                assertThat(raw.closedWithin(5000)).as(name).isTrue();
            }
        }, counter);
    }

    private static Case attack(String name, String listener, LongSupplier counter, byte[] bytes) {
        return new Case(name, () -> {
            try (RawSocket raw = new RawSocket(cluster.gateway().listener(listener).port())) {
                raw.write(bytes);
                assertThat(raw.closedWithin(5000)).as(name).isTrue();
            }
        }, counter);
    }

    /** Writes to the text listener's inner port; a short write is followed by our FIN, which must close it too. */
    private static Case inner(String name, LongSupplier counter, byte[] bytes) {
        return new Case(name, () -> {
            try (RawSocket raw = new RawSocket(cluster.gateway().listener("text").innerPort())) {
                raw.write(bytes);
                if (name.contains("EOF")) {
                    return;
                }
                assertThat(raw.closedWithin(5000)).as(name).isTrue();
            }
        }, counter);
    }

    private static Case registerLine(String name, byte[] line, LongSupplier counter) {
        return new Case(name, () -> {
            try (RawSocket raw = new RawSocket(cluster.register.port())) {
                raw.write(line);
                assertThat(raw.closedWithin(5000)).as(name).isTrue();
            }
        }, counter);
    }

    /** A real client gets a valid session, then a merge with {@code update}: refused, counted, nothing closed. */
    private static Case session(String name, String update, LongSupplier counter) {
        return new Case(name, () -> {
            try (TextClient victim = cluster.text()) {
                victim.send("whoami");
                int connectionId = ClientId.parse(victim.read()).connectionId();
                staysOpen(concat(
                        RawSocket.frame(GatewayFrame.command(GatewayCommand.SET_SESSION, connectionId, 0,
                                "a:1:{s:1:\"k\";s:1:\"v\";}".getBytes(UTF_8), null)),
                        RawSocket.frame(GatewayFrame.command(GatewayCommand.UPDATE_SESSION, connectionId, 0,
                                update.getBytes(UTF_8), null))));
                victim.send("still here");
                assertThat(victim.read()).isEqualTo("still here");
            }
        }, counter);
    }

    /** Authenticates as an API client, writes {@code bytes}, then proves the connection still answers a query. */
    private static void staysOpen(byte[] bytes) {
        try (RawSocket raw = new RawSocket(cluster.gateway().listener("text").innerPort())) {
            raw.write(concat(clientAuth(), bytes,
                    RawSocket.frame(GatewayFrame.command(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, 1, null, null))));
            assertThat(raw.readQueryReply()).startsWith("i:");
        }
    }

    // ---- bytes ---------------------------------------------------------------------------------------------------

    private static LongSupplier listener(String name, ToLongFunction<GatewayStats> counter) {
        return () -> counter.applyAsLong(cluster.gateway().listener(name).stats());
    }

    private static byte[] packLen(int packLen) {
        byte[] frame = RawSocket.frame(GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, 1, null, null));
        frame[0] = (byte) (packLen >>> 24);
        frame[1] = (byte) (packLen >>> 16);
        frame[2] = (byte) (packLen >>> 8);
        frame[3] = (byte) packLen;
        return frame;
    }

    private static byte[] extLenBeyond() {
        byte[] frame = RawSocket.frame(GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, 1, null, "xy".getBytes(UTF_8)));
        frame[27] = 3;
        return frame;
    }

    private static byte[] auth(int cmd, String json) {
        return RawSocket.frame(GatewayFrame.scalarCommand(cmd, 0, null, json.getBytes(UTF_8)));
    }

    private static byte[] clientAuth() {
        return auth(GatewayCommand.GATEWAY_CLIENT_CONNECT, "{\"secret_key\":\"" + SECRET + "\"}");
    }

    private static byte[] workerConnect(String secret) {
        return auth(GatewayCommand.WORKER_CONNECT, "{\"worker_key\":\"evil:1\",\"secret_key\":\"" + secret + "\"}");
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static void assertEcho(TextClient client, String text) {
        client.send(text);
        assertThat(client.read()).isEqualTo(text);
    }
}
