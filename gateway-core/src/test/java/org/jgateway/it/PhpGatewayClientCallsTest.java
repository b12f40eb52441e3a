package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.register.HostAndPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every command and query of the inner protocol as PHP's GatewayClient sends them ({@link PhpClientCalls}: a fresh
 * connection per call, authenticated with the secret key), against a live gateway with a text and a WebSocket listener
 * (two gateway instances, two inner addresses) and real clients. Asserts the exact replies (the PHP-serialized bytes
 * where the entry order is fixed, the unserialized content where it follows registry iteration order) and exactly
 * who received what.
 * <p>
 * Calls on different connections are not ordered with respect to each other: deliveries of two calls may arrive in
 * either order, and a query or send that depends on an earlier command is awaited until the command is visible
 * (read-your-writes across connections is issue 16).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhpGatewayClientCallsTest {

    private static final String SECRET = "s3cret";
    private static final int SCALAR = GatewayFlags.BODY_IS_SCALAR;

    private final PhpClientCalls php = new PhpClientCalls(SECRET);
    private final AtomicInteger markers = new AtomicInteger();
    private TestCluster cluster;

    @BeforeAll
    void start() {
        cluster = new TestCluster(SECRET, true);
        cluster.addGateway("127.0.0.1", b -> { });
        cluster.addWorker(new RecordingEvents("worker"), b -> { });
        cluster.awaitMesh();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @BeforeEach
    void noClientOfAnEarlierTestIsLeft() {
        awaitQuery().until(() -> gateways().stream()
                .mapToLong(g -> (Long) value(g, frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, ""))).sum() == 0);
    }

    // ---- commands ---------------------------------------------------------------------------------------------

    @Test
    void sendToOne() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            php.command(gateway(a), frame(GatewayCommand.SEND_TO_ONE, a, "", "hi"));
            php.command(gateway(a), GatewayFrame.command(GatewayCommand.SEND_TO_ONE, connection(a),
                    SCALAR | GatewayFlags.NOT_CALL_ENCODE, new byte[0], utf8("raw\n")));
            php.command(gateway(c), frame(GatewayCommand.SEND_TO_ONE, c, "", "hi-ws"));
            assertReceived(a, "hi", "raw");
            assertReceived(c, "hi-ws");
            assertReceived(b);
        }
    }

    @Test
    void sendToAll() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            gateways().forEach(g -> php.command(g, frame(GatewayCommand.SEND_TO_ALL, 0, "", "everyone")));
            assertReceived(a, "everyone");
            assertReceived(b, "everyone");
            assertReceived(c, "everyone");
        }
    }

    @Test
    void sendToAllListedConnections() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            php.command(gateway(a), frame(GatewayCommand.SEND_TO_ALL, 0, "{\"connections\":" + connectionMap(a) + "}",
                    "listed"));
            assertReceived(a, "listed");
            assertReceived(b);
            assertReceived(c);
        }
    }

    @Test
    void sendToAllExcept() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            // Per gateway: the excluded ids of that gateway, '' for a gateway without any.
            php.command(gateway(a), frame(GatewayCommand.SEND_TO_ALL, 0, "{\"exclude\":" + connectionMap(a) + "}",
                    "all-but-a"));
            php.command(gateway(c), frame(GatewayCommand.SEND_TO_ALL, 0, "", "all-but-a"));
            assertReceived(b, "all-but-a");
            assertReceived(c, "all-but-a");
            assertReceived(a);
        }
    }

    @Test
    void kick() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.ws(cluster); Peer c = Peer.text(cluster)) {
            php.command(gateway(a), frame(GatewayCommand.KICK, a, "", "bye"));
            // closeClient($id) without a message: the body is serialize(null), flag 0.
            php.command(gateway(b), GatewayFrame.command(GatewayCommand.KICK, connection(b), 0, new byte[0], utf8("N;")));
            assertThat(a.readUntilClosed()).containsExactly("bye");
            assertThat(b.readUntilClosed()).isEmpty();
            assertReceived(c);
        }
    }

    @Test
    void destroy() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.ws(cluster); Peer c = Peer.text(cluster)) {
            php.command(gateway(a), frame(GatewayCommand.DESTROY, a, "", ""));
            php.command(gateway(b), frame(GatewayCommand.DESTROY, b, "", ""));
            assertThat(a.readUntilClosed()).isEmpty();
            assertThat(b.readUntilClosed()).isEmpty();
            assertReceived(c);
            awaitReply("i:0;", () -> php.query(gateway(a), frame(GatewayCommand.IS_ONLINE, a, "")));
        }
    }

    @Test
    void bindUidThenGetClientIdByUid() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster);
                Peer d = Peer.text(cluster)) {
            bindUid(a, "u1");
            bindUid(b, "u1");
            bindUid(c, "u1");
            awaitReply("a:1:{i:0;i:" + connection(c) + ";}",
                    () -> php.query(gateway(c), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "u1")));
            awaitQuery().untilAsserted(() -> assertThat(clientIds(gateway(a),
                    value(gateway(a), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "u1"))))
                    .containsExactlyInAnyOrder(a.id(), b.id()));
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "nobody"))))
                    .isEqualTo("a:0:{}");
        }
    }

    @Test
    void unbindUid() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster)) {
            bindUid(a, "u1");
            bindUid(b, "u1");
            awaitQuery().untilAsserted(() -> assertThat(clientIds(gateway(a),
                    value(gateway(a), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "u1"))))
                    .containsExactlyInAnyOrder(a.id(), b.id()));
            php.command(gateway(a), frame(GatewayCommand.UNBIND_UID, a, "u1", ""));
            awaitReply("a:1:{i:0;i:" + connection(b) + ";}",
                    () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "u1")));
        }
    }

    @Test
    void sendToUid() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            bindUid(a, "u1");
            bindUid(b, "u2");
            bindUid(c, "u1");
            awaitReply("a:2:{s:2:\"u1\";b:1;s:2:\"u2\";b:1;}", () -> onlineUids(List.of("u1", "u2")));
            gateways().forEach(g -> php.command(g, frame(GatewayCommand.SEND_TO_UID, 0, "[\"u1\"]", "to-u1")));
            assertReceived(a, "to-u1");
            assertReceived(c, "to-u1");
            assertReceived(b);
        }
    }

    @Test
    void joinGroupThenSendToGroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            joinGroup(a, "room");
            joinGroup(c, "room");
            awaitReply("i:1;", () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            awaitReply("i:1;", () -> php.query(gateway(c), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            gateways().forEach(g -> php.command(g, frame(GatewayCommand.SEND_TO_GROUP, 0,
                    "{\"group\":[\"room\"],\"exclude\":null}", "to-room")));
            assertReceived(a, "to-room");
            assertReceived(c, "to-room");
            assertReceived(b);
            php.command(gateway(a), frame(GatewayCommand.SEND_TO_GROUP, 0,
                    "{\"group\":[\"room\"],\"exclude\":" + connectionMap(a) + "}", "not-to-a"));
            php.command(gateway(c), frame(GatewayCommand.SEND_TO_GROUP, 0, "{\"group\":[\"room\"],\"exclude\":null}",
                    "not-to-a"));
            assertReceived(c, "not-to-a");
            assertReceived(a);
            assertReceived(b);
        }
    }

    @Test
    void leaveGroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster)) {
            joinGroup(a, "room");
            joinGroup(b, "room");
            awaitReply("i:2;", () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            php.command(gateway(a), frame(GatewayCommand.LEAVE_GROUP, a, "room", ""));
            awaitReply("i:1;", () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            php.command(gateway(a), frame(GatewayCommand.SEND_TO_GROUP, 0, "{\"group\":[\"room\"],\"exclude\":null}",
                    "to-room"));
            assertReceived(b, "to-room");
            assertReceived(a);
        }
    }

    @Test
    void ungroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.ws(cluster)) {
            joinGroup(a, "room");
            joinGroup(b, "room");
            awaitReply("a:1:{i:0;s:4:\"room\";}", () -> php.query(gateway(a), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, "")));
            awaitReply("a:1:{i:0;s:4:\"room\";}", () -> php.query(gateway(b), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, "")));
            gateways().forEach(g -> php.command(g, frame(GatewayCommand.UNGROUP, 0, "room", "")));
            awaitReply("a:0:{}", () -> php.query(gateway(a), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, "")));
            awaitReply("a:0:{}", () -> php.query(gateway(b), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, "")));
            // The members stay connected.
            awaitReply("i:1;", () -> php.query(gateway(a), frame(GatewayCommand.IS_ONLINE, a, "")));
            awaitReply("i:1;", () -> php.query(gateway(b), frame(GatewayCommand.IS_ONLINE, b, "")));
        }
    }

    @Test
    void setSessionThenGetSession() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster)) {
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, a, "")))).isEqualTo("a:0:{}");
            setSession(a, Map.of("k", "v"));
            awaitReply("a:1:{s:1:\"k\";s:1:\"v\";}",
                    () -> php.query(gateway(a), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, a, "")));
            php.command(gateway(a), frame(GatewayCommand.SET_SESSION, a, "", ""));
            awaitReply("a:0:{}", () -> php.query(gateway(a), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, a, "")));
            assertThat(text(php.query(gateway(b), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, b, "")))).isEqualTo("a:0:{}");
            assertThat(text(php.query(gateway(a), GatewayFrame.command(GatewayCommand.GET_SESSION_BY_CLIENT_ID,
                    Integer.MAX_VALUE, SCALAR, new byte[0], new byte[0])))).isEqualTo("N;");
        }
    }

    @Test
    void updateSession() {
        try (Peer a = Peer.text(cluster)) {
            setSession(a, Map.of("k", "v"));
            awaitReply("a:1:{s:1:\"k\";s:1:\"v\";}",
                    () -> php.query(gateway(a), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, a, "")));
            php.command(gateway(a), frame(GatewayCommand.UPDATE_SESSION, a, text(PhpSerializer.serialize(Map.of("n", 1L))), ""));
            awaitReply("a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}",
                    () -> php.query(gateway(a), frame(GatewayCommand.GET_SESSION_BY_CLIENT_ID, a, "")));
        }
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    @Test
    void getAllClientSessions() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            setSession(a, Map.of("k", "a"));
            awaitQuery().untilAsserted(() -> assertThat(value(gateway(a), frame(GatewayCommand.GET_ALL_CLIENT_SESSIONS, 0, "")))
                    .isEqualTo(Map.of(id(a), "a:1:{s:1:\"k\";s:1:\"a\";}", id(b), "")));
            assertThat(text(php.query(gateway(c), frame(GatewayCommand.GET_ALL_CLIENT_SESSIONS, 0, ""))))
                    .isEqualTo("a:1:{i:" + connection(c) + ";s:0:\"\";}");
        }
    }

    @Test
    void isOnline() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.ws(cluster)) {
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.IS_ONLINE, a, "")))).isEqualTo("i:1;");
            assertThat(text(php.query(gateway(b), frame(GatewayCommand.IS_ONLINE, b, "")))).isEqualTo("i:1;");
            // b's connection id asked of a's gateway: another gateway's client is not online there.
            assertThat(text(php.query(gateway(a), GatewayFrame.command(GatewayCommand.IS_ONLINE, Integer.MAX_VALUE, SCALAR,
                    new byte[0], new byte[0])))).isEqualTo("i:0;");
        }
    }

    @Test
    void batchGetClientIdByUid() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.ws(cluster)) {
            bindUid(a, "u1");
            bindUid(b, "u1");
            awaitReply("a:2:{s:2:\"u1\";a:1:{i:0;i:" + connection(a) + ";}s:6:\"nobody\";a:0:{}}",
                    () -> php.query(gateway(a), frame(GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID, 0, "[\"u1\",\"nobody\"]")));
            awaitReply("a:2:{s:2:\"u1\";a:1:{i:0;i:" + connection(b) + ";}s:6:\"nobody\";a:0:{}}",
                    () -> php.query(gateway(b), frame(GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID, 0, "[\"u1\",\"nobody\"]")));
        }
    }

    @Test
    void getClientSessionsByGroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.text(cluster)) {
            setSession(a, Map.of("k", "a"));
            joinGroup(a, "room");
            joinGroup(b, "room");
            awaitQuery().untilAsserted(() -> assertThat(value(gateway(a),
                    frame(GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP, 0, "room")))
                    .isEqualTo(Map.of(id(a), "a:1:{s:1:\"k\";s:1:\"a\";}", id(b), "")));
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP, 0, "none"))))
                    .isEqualTo("a:0:{}");
        }
    }

    @Test
    void getClientCountByGroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            joinGroup(a, "room");
            joinGroup(c, "room");
            awaitReply("i:1;", () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            awaitReply("i:1;", () -> php.query(gateway(c), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room")));
            // '' counts every client of the gateway.
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "")))).isEqualTo("i:2;");
            assertThat(text(php.query(gateway(c), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "")))).isEqualTo("i:1;");
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "none")))).isEqualTo("i:0;");
        }
    }

    @Test
    void select() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster); Peer c = Peer.ws(cluster)) {
            bindUid(a, "u42");
            joinGroup(a, "room1");
            awaitReply("a:1:{i:0;s:5:\"room1\";}", () -> php.query(gateway(a), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, "")));
            awaitReply("i:1;", () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, "room1")));
            awaitReply("a:1:{i:0;i:" + connection(a) + ";}",
                    () -> php.query(gateway(a), frame(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, "u42")));
            String allFields = "{\"fields\":[\"uid\",\"groups\",\"session\"],\"where\":";
            Map<Object, Object> aRow = row("u42", Map.of("room1", "room1"), "");
            // Like PHP's connection properties, uid and groups are unset (null) until the first bind or join.
            Map<Object, Object> bRow = row(null, null, "");
            assertThat(value(gateway(a), frame(GatewayCommand.SELECT, 0, allFields + "[]}")))
                    .isEqualTo(Map.of(id(a), aRow, id(b), bRow));
            assertThat(text(php.query(gateway(a), frame(GatewayCommand.SELECT, 0, allFields + "{\"groups\":[\"room1\"]}}"))))
                    .isEqualTo("a:1:{i:" + connection(a) + ";a:3:{s:3:\"uid\";s:3:\"u42\";s:6:\"groups\";"
                            + "a:1:{s:5:\"room1\";s:5:\"room1\";}s:7:\"session\";s:0:\"\";}}");
            assertThat(value(gateway(a), frame(GatewayCommand.SELECT, 0, allFields + "{\"uid\":[\"u42\"]}}")))
                    .isEqualTo(Map.of(id(a), aRow));
            assertThat(value(gateway(a), frame(GatewayCommand.SELECT, 0,
                    allFields + "{\"connection_id\":[" + connection(b) + "]}}")))
                    .isEqualTo(Map.of(id(b), bRow));
            // Conditions are ORed.
            assertThat(value(gateway(a), frame(GatewayCommand.SELECT, 0,
                    allFields + "{\"uid\":[\"u42\"],\"connection_id\":[" + connection(b) + "]}}")))
                    .isEqualTo(Map.of(id(a), aRow, id(b), bRow));
            assertThat(text(php.query(gateway(c), frame(GatewayCommand.SELECT, 0, "{\"fields\":[\"uid\"],\"where\":[]}"))))
                    .isEqualTo("a:1:{i:" + connection(c) + ";a:1:{s:3:\"uid\";N;}}");
        }
    }

    @Test
    void getGroupIdList() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster)) {
            joinGroup(a, "room");
            joinGroup(b, "room");
            joinGroup(b, "lobby");
            awaitQuery().untilAsserted(() -> assertThat(listValues(value(gateway(a), frame(GatewayCommand.GET_GROUP_ID_LIST, 0, ""))))
                    .containsExactlyInAnyOrder("room", "lobby"));
        }
    }

    @Test
    void batchGetClientCountByGroup() {
        try (Peer a = Peer.text(cluster); Peer b = Peer.text(cluster)) {
            joinGroup(a, "room");
            joinGroup(b, "room");
            awaitReply("a:2:{s:4:\"room\";i:2;s:4:\"none\";i:0;}",
                    () -> php.query(gateway(a), frame(GatewayCommand.BATCH_GET_CLIENT_COUNT_BY_GROUP, 0, "[\"room\",\"none\"]")));
        }
    }

    @Test
    void aCallWithoutTheSecretIsRefused() {
        try (Peer a = Peer.text(cluster)) {
            PhpClientCalls.unauthenticated(gateway(a), frame(GatewayCommand.SEND_TO_ONE, a, "", "unauthenticated"));
            PhpClientCalls.unauthenticated(gateway(a), frame(GatewayCommand.IS_ONLINE, a, ""));
            assertReceived(a);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private List<String> gateways() {
        return cluster.gateway().addresses();
    }

    private static String gateway(Peer peer) {
        return ClientId.parse(peer.id()).gatewayAddress();
    }

    private static int connection(Peer peer) {
        return ClientId.parse(peer.id()).connectionId();
    }

    /** The peer's connection id as a key of an unserialized reply. */
    private static Long id(Peer peer) {
        return Integer.toUnsignedLong(connection(peer));
    }

    /** PHP's {@code [cid => cid]} map of a client list, as JSON. */
    private static String connectionMap(Peer peer) {
        return "{\"" + id(peer) + "\":" + id(peer) + "}";
    }

    /** A frame as PHP's {@code Gateway} builds it: every other header field zero, the scalar flag set. */
    private static GatewayFrame frame(int cmd, int connectionId, String ext) {
        return GatewayFrame.command(cmd, connectionId, SCALAR, utf8(ext), new byte[0]);
    }

    private static GatewayFrame frame(int cmd, Peer peer, String ext) {
        return frame(cmd, peer, ext, "");
    }

    private static GatewayFrame frame(int cmd, Peer peer, String ext, String body) {
        return GatewayFrame.command(cmd, connection(peer), SCALAR, utf8(ext), utf8(body));
    }

    private static GatewayFrame frame(int cmd, int connectionId, String ext, String body) {
        return GatewayFrame.command(cmd, connectionId, SCALAR, utf8(ext), utf8(body));
    }

    private void bindUid(Peer peer, String uid) {
        php.command(gateway(peer), frame(GatewayCommand.BIND_UID, peer, uid, ""));
    }

    private void joinGroup(Peer peer, String group) {
        php.command(gateway(peer), frame(GatewayCommand.JOIN_GROUP, peer, group, ""));
    }

    private void setSession(Peer peer, Map<String, Object> session) {
        php.command(gateway(peer), frame(GatewayCommand.SET_SESSION, peer, text(PhpSerializer.serialize(session)), ""));
    }

    /** GatewayClient's {@code isUidsOnline}: {@code BATCH_GET_CLIENT_ID_BY_UID} on every gateway, merged. */
    private byte[] onlineUids(Collection<String> uids) {
        Map<String, Boolean> online = new LinkedHashMap<>();
        uids.forEach(uid -> online.put(uid, false));
        String ext = "[" + String.join(",", uids.stream().map(u -> "\"" + u + "\"").toList()) + "]";
        for (String gateway : gateways()) {
            Object reply = value(gateway, frame(GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID, 0, ext));
            ((Map<?, ?>) reply).forEach((uid, ids) -> {
                if (!listValues(ids).isEmpty()) {
                    online.put((String) uid, true);
                }
            });
        }
        return PhpSerializer.serialize(online);
    }

    /**
     * Asserts that {@code peer} receives {@code messages} (in any order: each came on its own connection) and
     * nothing else: a marker sent afterwards is the next thing it reads. Call it for the recipients of a command
     * before its bystanders, so that the command was applied before their marker is sent.
     */
    private void assertReceived(Peer peer, String... messages) {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            received.add(peer.read());
        }
        assertThat(received).as("messages to %s", peer).containsExactlyInAnyOrder(messages);
        String marker = "marker-" + markers.incrementAndGet();
        php.command(gateway(peer), frame(GatewayCommand.SEND_TO_ONE, peer, "", marker));
        assertThat(peer.readUntil(marker)).as("further messages to %s", peer).isEmpty();
    }

    /** Awaits a reply (the commands before it came on other connections: issue 16). */
    private static void awaitReply(String expected, Supplier<byte[]> query) {
        awaitQuery().untilAsserted(() -> assertThat(text(query.get())).isEqualTo(expected));
    }

    private static ConditionFactory awaitQuery() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10));
    }

    private Object value(String gateway, GatewayFrame query) {
        return PhpUnserializer.unserialize(php.query(gateway, query));
    }

    /** The client ids of a reply's connection ids on {@code gateway}, as GatewayClient builds them. */
    private static Set<String> clientIds(String gateway, Object reply) {
        HostAndPort address = HostAndPort.parse(gateway);
        Set<String> ids = new HashSet<>();
        for (Object connectionId : listValues(reply)) {
            ids.add(ClientId.format(Ipv4.parse(address.host()), address.port(), ((Long) connectionId).intValue()));
        }
        return ids;
    }

    /** A PHP list's values: an empty list unserializes as an empty map. */
    private static List<Object> listValues(Object reply) {
        return reply instanceof Map<?, ?> map ? new ArrayList<>(map.values()) : new ArrayList<>((List<?>) reply);
    }

    private static Map<Object, Object> row(String uid, Map<String, String> groups, String session) {
        Map<Object, Object> row = new LinkedHashMap<>();
        row.put("uid", uid);
        row.put("groups", groups);
        row.put("session", session);
        return row;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
