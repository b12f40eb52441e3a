package org.jgateway.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.test.GoldenTrace;
import org.jgateway.test.GoldenTrace.DescribedFrame;
import org.jgateway.test.GoldenTrace.Query;
import org.junit.jupiter.api.Test;

/**
 * The golden trace, line by line in its order, against our gateway over real sockets: a fake worker on a plain socket
 * writes the worker's frames of the trace (and the commands the trace's worker sent to produce each "client got"
 * line), a plain-socket text client and WebSocket client play the trace's clients, and query connections send the
 * trace's requests, one connection per query as PHP's GatewayClient does. Everything our gateway sends (frames to the
 * worker, bytes to the clients, query replies, the handshake response) is compared with the trace byte for byte;
 * the test fails if a line of the trace is left uncompared. The trace's worker and query side was a script (its JSON
 * has Python's spaces, its worker is "FakeWorker:0"), so its frames are what a peer may send the gateway: they are
 * written as they are, and the gateway's answers are what is compared.
 * <p>
 * Where the bytes depend on the run, not on the implementation, the rule is exact:
 * <ul>
 * <li>Ports: the traced gateway listened on 8282 (text, inner port 3900) and 7272 (WebSocket, inner port 2900); ours
 * listen on ports the kernel picks. In a frame header {@code local_port} is our listener's inner port,
 * {@code client_port} the client socket's port, {@code gateway_port} our listener's port; in a client_id the inner
 * port likewise; in the WebSocket connect body {@code "127.0.0.1:7272"} (SERVER_NAME, HTTP_HOST), REMOTE_PORT and
 * SERVER_PORT hold ours (with the PHP string lengths and {@code pack_len} that follow). Every other byte is the
 * trace's.</li>
 * <li>Connection ids: the traced clients were their gateway's second connection (id 2). Here too a first client
 * connects and leaves before each traced one, so ids, client_ids and query replies compare unchanged.</li>
 * <li>"client got" lines give what the client read: a text client reads the message and {@code "\n"} (for
 * {@code 'a|b'}, a raw frame {@code a} without and an encoded frame {@code b} with it); a WebSocket client reads an
 * unmasked frame {@code 0x80 | opcode}, the payload length, the payload.</li>
 * <li>The WebSocket handshake response: see {@link #ourHandshakeResponse}.</li>
 * </ul>
 */
class GoldenTraceSocketTest {

    private static final GoldenTrace TRACE = GoldenTrace.load();
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern QUOTED = Pattern.compile("'(.*)'");
    private static final Pattern WS_GOT = Pattern.compile("(\\d+) b'(.*)'");
    /** The traced connection id of both clients. */
    private static final int CONNECTION = 2;

    @Test
    void everyLineOfTheTraceOverRealSockets() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            Walk walk = new Walk(TRACE.lines());
            textGateway(walk, gateway.listener("text"));
            webSocketGateway(walk, gateway.listener("ws"));
            assertThat(walk.rest()).as("trace lines left uncompared").isEmpty();
        }
    }

    private static void textGateway(Walk walk, ListenerStatus text) {
        try (RawSocket worker = fakeWorker(text, GoldenTrace.hex(walk.take("WORKER_CONNECT frame hex: ")))) {
            try (RawSocket first = new RawSocket(text.port())) {
                assertThat(cmd(worker.readFrame())).isEqualTo(GatewayCommand.ON_CONNECT);
            }
            assertThat(cmd(worker.readFrame())).isEqualTo(GatewayCommand.ON_CLOSE);

            RawSocket client = new RawSocket(text.port());
            Ports ports = new Ports(text.innerPort(), client.localPort(), text.port());
            byte[] connect = worker.readFrame();
            assertFrame(connect, walk.frame("text client connect"), ports);
            ByteBuffer header = ByteBuffer.wrap(connect);
            String tracedId = walk.take("client_id = ");
            assertThat(ClientId.format(header.getInt(5), Short.toUnsignedInt(header.getShort(9)), header.getInt(17)))
                    .isEqualTo(tracedId.substring(0, 8) + HEX.toHexDigits((short) ports.inner)
                            + tracedId.substring(12));

            client.write("hello\n");
            assertFrame(worker.readFrame(), walk.frame("text client message"), ports);

            worker.write(GoldenTrace.hex(walk.take("SEND_TO_ONE frame hex: ")));
            expectText(walk, client, "client got: ");

            String[] rawThenEncoded = quoted(walk.take("client got (raw flag 0x02 frame, then normal frame): "))
                    .split("\\|");
            worker.write(command(GatewayCommand.SEND_TO_ONE, 0x03, null, rawThenEncoded[0]));
            worker.write(command(GatewayCommand.SEND_TO_ONE, 0x01, null, rawThenEncoded[1]));
            assertThat(readText(client, rawThenEncoded[0] + rawThenEncoded[1] + "\n"))
                    .isEqualTo(rawThenEncoded[0] + rawThenEncoded[1] + "\n");

            worker.write(command(GatewayCommand.JOIN_GROUP, 0x01, "room1", null));
            worker.write(GoldenTrace.hex(walk.take("SEND_TO_GROUP hex: ")));
            expectText(walk, client, "client got: ");

            worker.write(command(GatewayCommand.BIND_UID, 0x01, "u42", null));
            worker.write(broadcast(GatewayCommand.SEND_TO_UID, "[\"u42\"]", "to-uid"));
            expectText(walk, client, "client got: ");
            worker.write(broadcast(GatewayCommand.SEND_TO_ALL, null, "to-all"));
            expectText(walk, client, "client got: ");
            worker.write(broadcast(GatewayCommand.SEND_TO_ALL, "{\"exclude\":{\"2\":2}}", "excluded"));
            worker.write(broadcast(GatewayCommand.SEND_TO_ALL, "{\"connections\":{\"2\":2}}", "to-listed"));
            expectText(walk, client, "client got (exclude-frame, then connections-frame): ");

            for (Query query : TRACE.queries()) {
                assertThat(HEX.parseHex(walk.take("query " + query.label() + ": req="))).isEqualTo(query.request());
                walk.take("    reply=");
                assertThat(hex(query(text, query.request()))).as(query.label()).isEqualTo(hex(query.reply()));
            }

            worker.write(command(GatewayCommand.SET_SESSION, 0x01, "a:1:{s:1:\"k\";s:1:\"v\";}", null));
            worker.write(command(GatewayCommand.UPDATE_SESSION, 0x01, "a:1:{s:1:\"n\";i:1;}", null));
            byte[] session = TRACE.labelledBytes(walk.label("session after SET_SESSION+UPDATE_SESSION"));
            byte[] getSession = query("GET_SESSION_BY_CLIENT_ID (none yet)").request();
            // A query connection may overtake the worker's connection: the session is there once both commands ran.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(hex(query(text, getSession))).isEqualTo(hex(session)));
            byte[] allSessions = TRACE.labelledBytes(walk.label("GET_ALL_CLIENT_SESSIONS"));
            assertThat(hex(query(text, RawSocket.frame(GatewayFrame.scalarCommand(
                    GatewayCommand.GET_ALL_CLIENT_SESSIONS, 0, null, null))))).isEqualTo(hex(allSessions));

            client.write("second\n");
            assertFrame(worker.readFrame(), walk.frame("message after session set (ext_data = session)"), ports);

            String goodbye = textGot(walk.take("client got on KICK: "));
            worker.write(command(GatewayCommand.KICK, 0x01, null, goodbye.substring(0, goodbye.length() - 1)));
            assertThat(client.readToEnd()).asString(UTF_8).isEqualTo(goodbye);
            assertFrame(worker.readFrame(), walk.frame("client close"), ports);
            client.close();
        }
    }

    private static void webSocketGateway(Walk walk, ListenerStatus ws) {
        byte[] workerConnect = TRACE.namedFrames().stream().filter(f -> f.name().equals("WORKER_CONNECT"))
                .findFirst().orElseThrow().bytes();
        try (RawSocket worker = fakeWorker(ws, workerConnect)) {
            try (RawSocket first = new RawSocket(ws.port())) {
                first.webSocketHandshake("/");
                assertThat(cmd(worker.readFrame())).isEqualTo(GatewayCommand.ON_CONNECT);
                assertThat(cmd(worker.readFrame())).isEqualTo(GatewayCommand.ON_WEBSOCKET_CONNECT);
            }
            assertThat(cmd(worker.readFrame())).isEqualTo(GatewayCommand.ON_CLOSE);

            RawSocket client = new RawSocket(ws.port());
            Ports ports = new Ports(ws.innerPort(), client.localPort(), ws.port());
            // The request the traced client sent, as its ON_WEBSOCKET_CONNECT data lists it (HTTP_* in order).
            client.write("GET /chat?token=abc&x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + ws.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: y90pQvM4nylJWuOPaYngSQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nCookie: sid=s1; a=b\r\nOrigin: http://example.test\r\n\r\n");
            String php = new String(GoldenTrace.pythonBytes(quoted(walk.take("ws handshake response: "))), ISO_8859_1);
            assertThat(client.readHead()).isEqualTo(ourHandshakeResponse(php));

            assertFrame(worker.readFrame(), walk.frame("ws connect"), ports);
            DescribedFrame handshake = walk.frame("ws handshake (ON_WEBSOCKET_CONNECT)");
            assertThat(hex(worker.readFrame())).isEqualTo(hex(withBody(handshake, ports,
                    webSocketData(handshake.body(), ports))));

            client.write(RawSocket.wsFrame(0x81, true, "ws-msg".getBytes(UTF_8)));
            assertFrame(worker.readFrame(), walk.frame("ws message"), ports);

            Matcher reply = matches(WS_GOT, walk.take("ws client got frame opcode "));
            worker.write(command(GatewayCommand.SEND_TO_ONE, 0x01, null, GoldenTrace.pythonBytes(reply.group(2))));
            expectWebSocketFrame(client, reply);

            Matcher array = matches(WS_GOT, walk.take("ws client got (PHP-serialized array body, flag 0 -> "
                    + "Websocket::encode json_encodes non-scalars): "));
            worker.write(command(GatewayCommand.SEND_TO_ONE, 0x00, null, "a:1:{i:0;s:3:\"arr\";}"));
            expectWebSocketFrame(client, array);

            client.write(RawSocket.wsFrame(0x82, true, new byte[] {1, 2}));
            assertFrame(worker.readFrame(), walk.frame("ws binary frame message"), ports);
            client.close();
        }
    }

    /**
     * Our response head for workerman's (the trace shows it without the empty line that ends it), by an exact rule:
     * the status line reads {@code "Switching Protocols"} (RFC 6455; workerman writes "Switching Protocol"); Netty's
     * handshaker writes header names in lower case and the {@code Connection} value as {@code upgrade}, and sends no
     * {@code Sec-WebSocket-Version} (a client reads that header only in a 426 answer); every other header keeps its
     * value and order. The accept key is the trace's, since the request carries the trace's key.
     */
    private static String ourHandshakeResponse(String php) {
        String[] lines = php.split("\r\n");
        assertThat(lines[0]).isEqualTo("HTTP/1.1 101 Switching Protocol");
        StringBuilder ours = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':'));
            String value = lines[i].substring(name.length() + 2);
            if (!name.equals("Sec-WebSocket-Version")) {
                ours.append(name.toLowerCase(Locale.ROOT)).append(": ")
                        .append(name.equals("Connection") ? value.toLowerCase(Locale.ROOT) : value).append("\r\n");
            }
        }
        return ours.append("\r\n").toString();
    }

    private static RawSocket fakeWorker(ListenerStatus listener, byte[] workerConnect) {
        RawSocket worker = new RawSocket(listener.innerPort());
        worker.write(workerConnect);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.workers().equals(List.of("127.0.0.1:FakeWorker:0")));
        return worker;
    }

    /** A command of the fake worker for the traced connection. */
    private static byte[] command(int cmd, int flag, String ext, Object body) {
        byte[] bodyBytes = body instanceof byte[] bytes ? bytes : body == null ? null : ((String) body).getBytes(UTF_8);
        return RawSocket.frame(GatewayFrame.command(cmd, CONNECTION, flag, ext == null ? null : ext.getBytes(UTF_8),
                bodyBytes));
    }

    /** A command addressed by its ext (uids, connections), not by a connection id. */
    private static byte[] broadcast(int cmd, String ext, String body) {
        return RawSocket.frame(GatewayFrame.scalarCommand(cmd, 0, ext == null ? null : ext.getBytes(UTF_8),
                body.getBytes(UTF_8)));
    }

    /** The reply of a query sent on a connection of its own (4-byte length included). */
    private static byte[] query(ListenerStatus listener, byte[] request) {
        try (RawSocket connection = new RawSocket(listener.innerPort())) {
            connection.write(request);
            byte[] length = connection.read(4);
            byte[] payload = connection.read(ByteBuffer.wrap(length).getInt());
            return ByteBuffer.allocate(4 + payload.length).put(length).put(payload).array();
        }
    }

    private static Query query(String label) {
        return TRACE.queries().stream().filter(q -> q.label().equals(label)).findFirst().orElseThrow();
    }

    private static void expectText(Walk walk, RawSocket client, String prefix) {
        String expected = textGot(walk.take(prefix));
        assertThat(readText(client, expected)).isEqualTo(expected);
    }

    private static String readText(RawSocket client, String expected) {
        return new String(client.read(expected.getBytes(UTF_8).length), UTF_8);
    }

    /** A text client's bytes for a "client got" line: the message and its newline. */
    private static String textGot(String line) {
        return new String(GoldenTrace.pythonBytes(quoted(line)), UTF_8) + "\n";
    }

    private static void expectWebSocketFrame(RawSocket client, Matcher got) {
        byte[] payload = GoldenTrace.pythonBytes(got.group(2));
        byte[] expected = ByteBuffer.allocate(2 + payload.length).put((byte) (0x80 | Integer.parseInt(got.group(1))))
                .put((byte) payload.length).put(payload).array();
        assertThat(hex(client.read(expected.length))).isEqualTo(hex(expected));
    }

    /** The traced frame with this run's ports in its header. */
    private static void assertFrame(byte[] actual, DescribedFrame traced, Ports ports) {
        assertThat(hex(actual)).as(traced.label()).isEqualTo(hex(withBody(traced, ports, traced.body())));
    }

    /** The traced frame with this run's ports in its header and {@code body} as its body ({@code pack_len} follows). */
    private static byte[] withBody(DescribedFrame traced, Ports ports, byte[] body) {
        int length = GatewayFrame.HEADER_LENGTH + traced.ext().length + body.length;
        ByteBuffer frame = ByteBuffer.allocate(length)
                .put(traced.bytes(), 0, GatewayFrame.HEADER_LENGTH + traced.ext().length)
                .put(body)
                .putInt(0, length);
        frame.putShort(9, (short) ports.inner).putShort(15, (short) ports.client).putShort(22, (short) ports.listener);
        return frame.array();
    }

    /** The traced WebSocket connect data with this run's host port, client port and server port. */
    private static byte[] webSocketData(byte[] traced, Ports ports) {
        String data = new String(traced, UTF_8);
        String host = "127.0.0.1:" + ports.listener;
        data = replaceExactly(data, "s:14:\"127.0.0.1:7272\"", "s:" + host.length() + ":\"" + host + "\"", 2);
        data = replaceExactly(data, "s:11:\"REMOTE_PORT\";i:57000;", "s:11:\"REMOTE_PORT\";i:" + ports.client + ";", 1);
        data = replaceExactly(data, "s:11:\"SERVER_PORT\";i:7272;", "s:11:\"SERVER_PORT\";i:" + ports.listener + ";", 1);
        return data.getBytes(UTF_8);
    }

    private static String replaceExactly(String text, String target, String replacement, int times) {
        assertThat(text.split(Pattern.quote(target), -1)).as("occurrences of " + target).hasSize(times + 1);
        return text.replace(target, replacement);
    }

    private static int cmd(byte[] frame) {
        return Byte.toUnsignedInt(frame[4]);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String quoted(String text) {
        return matches(QUOTED, text).group(1);
    }

    private static Matcher matches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.matches()).as(text + " matches " + pattern).isTrue();
        return m;
    }

    /** The ports of one run: the listener's inner port, the client's port, the listener's port. */
    private record Ports(int inner, int client, int listener) {
    }

    /** The trace's lines in order; each step of the test takes the line it compares. */
    private static final class Walk {
        private final List<String> lines;
        private int next;

        Walk(List<String> lines) {
            this.lines = lines;
        }

        /** The next line, which must start with {@code prefix}; the rest of it. */
        String take(String prefix) {
            assertThat(next).as("trace lines").isLessThan(lines.size());
            String line = lines.get(next);
            assertThat(line).as("trace line " + (next + 1)).startsWith(prefix);
            next++;
            return line.substring(prefix.length());
        }

        /** Takes the line of a {@code <label>: b'...'} value; returns the label. */
        String label(String label) {
            take(label + ": b'");
            return label;
        }

        /** Takes a described frame's two lines; the frame as {@link GoldenTrace} parsed it. */
        DescribedFrame frame(String label) {
            take("--- " + label + ": ");
            take("    hex: ");
            return TRACE.describedFrames().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow();
        }

        List<String> rest() {
            return lines.subList(next, lines.size()).stream().filter(line -> !line.isBlank()).toList();
        }
    }
}
