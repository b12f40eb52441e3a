package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.test.GoldenTrace;
import org.jgateway.test.GoldenTrace.DescribedFrame;
import org.jgateway.test.GoldenTrace.Query;
import org.junit.jupiter.api.Test;

/** Every PHP-serialized value captured from GatewayWorker 4 reads as the expected Java value and writes back byte for byte. */
class PhpGoldenTraceTest {

    private static final GoldenTrace TRACE = GoldenTrace.load();

    @Test
    void everyQueryReplyRoundTrips() {
        assertThat(TRACE.queries()).hasSizeGreaterThanOrEqualTo(11);
        for (Query query : TRACE.queries()) {
            byte[] payload = payloadOf(query.reply());
            Object value = PhpUnserializer.unserialize(payload);
            assertThat(PhpSerializer.serialize(value)).as(query.label()).isEqualTo(payload);
        }
    }

    @Test
    void queryRepliesHaveTheExpectedShape() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("GET_CLIENT_COUNT_BY_GROUP \"\"", 1L);
        expected.put("GET_CLIENT_COUNT_BY_GROUP room1", 1L);
        expected.put("IS_ONLINE", 1L);
        expected.put("GET_CLIENT_ID_BY_UID u42", List.of(2L));
        expected.put("BATCH_GET_CLIENT_ID_BY_UID", map("u42", List.of(2L), "nobody", map()));
        expected.put("BATCH_GET_CLIENT_COUNT_BY_GROUP", map("room1", 1L, "x", 0L));
        expected.put("GET_GROUP_ID_LIST", List.of("room1"));
        expected.put("SELECT all uid+groups+session",
                map(2L, map("uid", "u42", "groups", map("room1", "room1"), "session", "")));
        expected.put("SELECT where groups", map(2L, map("uid", "u42")));
        expected.put("GET_SESSION_BY_CLIENT_ID (none yet)", map());
        expected.put("GET_SESSION_BY_CLIENT_ID (offline id)", null);

        Map<String, Object> actual = new LinkedHashMap<>();
        for (Query query : TRACE.queries()) {
            actual.put(query.label(), PhpUnserializer.unserialize(payloadOf(query.reply())));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        // The other direction: values built in Java serialize to exactly the captured replies.
        for (Query query : TRACE.queries()) {
            assertThat(PhpSerializer.serialize(expected.get(query.label()))).as(query.label())
                    .isEqualTo(payloadOf(query.reply()));
        }
    }

    @Test
    void selectReplyKeepsTypesOfEveryLevel() {
        Object reply = PhpUnserializer.unserialize(payloadOf(query("SELECT all uid+groups+session").reply()));
        assertThat(reply).isInstanceOf(LinkedHashMap.class);
        Map<Object, Object> row = asMap(asMap(reply).get(2L));
        assertThat(row.keySet()).containsExactly("uid", "groups", "session");
        assertThat(row.get("groups")).isInstanceOf(LinkedHashMap.class);
        Object list = PhpUnserializer.unserialize(payloadOf(query("GET_GROUP_ID_LIST").reply()));
        assertThat(list).isInstanceOf(ArrayList.class);
    }

    @Test
    void sessionAndAllClientSessionsWithNestedSerializedString() {
        byte[] session = payloadOf(TRACE.labelledBytes("session after SET_SESSION+UPDATE_SESSION"));
        assertThat(new String(session, StandardCharsets.UTF_8)).isEqualTo("a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}");
        assertThat(PhpUnserializer.unserialize(session)).isEqualTo(map("k", "v", "n", 1L));
        assertThat(PhpSerializer.serialize(map("k", "v", "n", 1L))).isEqualTo(session);

        byte[] all = payloadOf(TRACE.labelledBytes("GET_ALL_CLIENT_SESSIONS"));
        Object sessions = PhpUnserializer.unserialize(all);
        String stored = new String(session, StandardCharsets.UTF_8);
        assertThat(sessions).isEqualTo(map(2L, stored));
        assertThat(PhpUnserializer.unserialize(((String) ((Map<?, ?>) sessions).get(2L)).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(map("k", "v", "n", 1L));
        assertThat(PhpSerializer.serialize(map(2L, stored))).isEqualTo(all);
    }

    @Test
    void sessionsInFrameExtDataRoundTrip() {
        int sessions = 0;
        for (DescribedFrame frame : TRACE.describedFrames()) {
            if (frame.ext().length > 0) {
                Object session = PhpUnserializer.unserialize(frame.ext());
                assertThat(session).as(frame.label()).isEqualTo(map("k", "v", "n", 1L));
                assertThat(PhpSerializer.serialize(session)).isEqualTo(frame.ext());
                sessions++;
            }
        }
        assertThat(sessions).isGreaterThanOrEqualTo(2);
    }

    @Test
    void websocketConnectBodyRoundTrips() {
        DescribedFrame frame = TRACE.describedFrames().stream().filter(f -> f.cmd() == 205).findFirst().orElseThrow();
        assertThat(frame.flag() & 0x01).isZero(); // not scalar: the body is serialized
        Object body = PhpUnserializer.unserialize(frame.body());
        assertThat(PhpSerializer.serialize(body)).isEqualTo(frame.body());

        Map<Object, Object> top = asMap(body);
        assertThat(top.keySet()).containsExactly("get", "server", "cookie");
        assertThat(top.get("get")).isEqualTo(map("token", "abc", "x", "1"));
        assertThat(top.get("cookie")).isEqualTo(map("sid", "s1", "a", "b"));
        Map<Object, Object> server = asMap(top.get("server"));
        assertThat(server).hasSize(16).containsEntry("CONTENT_TYPE", null).containsEntry("REMOTE_PORT", 57000L)
                .containsEntry("SERVER_PORT", 7272L).containsEntry("REQUEST_URI", "/chat?token=abc&x=1")
                .containsEntry("HTTP_SEC_WEBSOCKET_KEY", "y90pQvM4nylJWuOPaYngSQ==")
                .containsEntry("HTTP_COOKIE", "sid=s1; a=b");
        assertThat(server.keySet().iterator().next()).isEqualTo("QUERY_STRING");
    }

    @Test
    void serializesIntoAByteBufToo() {
        byte[] body = TRACE.describedFrames().stream().filter(f -> f.cmd() == 205).findFirst().orElseThrow().body();
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer(8);
        io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer(8);
        try {
            Object value = PhpUnserializer.unserialize(body);
            PhpSerializer.serialize(value, buf);
            PhpSerializer.serialize(value, direct);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(buf)).isEqualTo(body);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(direct)).isEqualTo(body);
        } finally {
            buf.release();
            direct.release();
        }
    }

    private static Query query(String label) {
        return TRACE.queries().stream().filter(q -> q.label().equals(label)).findFirst().orElseThrow();
    }

    /** Strips and checks the 4-byte big-endian length that precedes a query reply. */
    private static byte[] payloadOf(byte[] reply) {
        int length = ByteBuffer.wrap(reply, 0, 4).getInt();
        assertThat(reply).hasSize(4 + length);
        return Arrays.copyOfRange(reply, 4, reply.length);
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> asMap(Object phpMap) {
        return (Map<Object, Object>) phpMap;
    }

    static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
