package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jgateway.gateway.Gateway.text;
import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_COUNT_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID;
import static org.jgateway.protocol.GatewayCommand.GET_ALL_CLIENT_SESSIONS;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_COUNT_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_ID_BY_UID;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.GET_GROUP_ID_LIST;
import static org.jgateway.protocol.GatewayCommand.GET_SESSION_BY_CLIENT_ID;
import static org.jgateway.protocol.GatewayCommand.IS_ONLINE;
import static org.jgateway.protocol.GatewayCommand.SELECT;
import static org.jgateway.protocol.GatewayCommand.SET_SESSION;
import static org.jgateway.protocol.GatewayCommand.UPDATE_SESSION;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.protocol.QueryReplyCodec;
import org.jgateway.test.GoldenTrace;
import org.junit.jupiter.api.Test;

class GatewayQueryTest {

    private final Gateway gw = new Gateway();
    private final ClientRegistry registry = gw.registry;

    /** The trace's state when it ran the queries: one text client, connection 2, uid u42, in room1, no session. */
    private ClientConnection goldenState() {
        ClientConnection client = gw.client(2);
        registry.bindUid(client, "u42");
        registry.joinGroup(client, "room1");
        return client;
    }

    @Test
    void everyGoldenQueryGetsTheGoldenReplyBytes() {
        goldenState();
        List<GoldenTrace.Query> queries = GoldenTrace.load().queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(11);
        for (GoldenTrace.Query query : queries) {
            GatewayFrame request = GatewayFrameCodec.decode(Unpooled.wrappedBuffer(query.request()));
            byte[] payload = gw.handler.query(request);
            assertThat(text(payload)).as(query.label()).isEqualTo(text(query.reply()).substring(4));
            assertThat(framed(payload)).as(query.label()).isEqualTo(query.reply());
        }
    }

    @Test
    void goldenSessionRepliesAfterSetAndUpdate() {
        goldenState();
        gw.execute(SET_SESSION, 2, "a:1:{s:1:\"k\";s:1:\"v\";}", "");
        gw.execute(UPDATE_SESSION, 2, "a:1:{s:1:\"n\";i:1;}", "");
        assertThat(framed(gw.query(GET_SESSION_BY_CLIENT_ID, 2, "")))
                .isEqualTo(GoldenTrace.pythonBytes("\\x00\\x00\\x00\"a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}"));
        assertThat(framed(gw.query(GET_ALL_CLIENT_SESSIONS, 0, ""))).isEqualTo(GoldenTrace.pythonBytes(
                "\\x00\\x00\\x004a:1:{i:2;s:34:\"a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}\";}"));
        assertThat(gw.queryValue(GET_SESSION_BY_CLIENT_ID, 2, "")).isEqualTo(Map.of("k", "v", "n", 1L));
    }

    @Test
    void sessionQueries() {
        ClientConnection a = gw.client(1);
        gw.client(2);
        registry.joinGroup(a, "g");
        gw.execute(SET_SESSION, 1, "a:1:{s:1:\"x\";i:1;}", "");
        assertThat(text(gw.query(GET_SESSION_BY_CLIENT_ID, 1, ""))).isEqualTo("a:1:{s:1:\"x\";i:1;}");
        assertThat(text(gw.query(GET_SESSION_BY_CLIENT_ID, 2, ""))).isEqualTo("a:0:{}");
        assertThat(text(gw.query(GET_SESSION_BY_CLIENT_ID, 3, ""))).isEqualTo("N;");
        assertThat(gw.queryValue(GET_SESSION_BY_CLIENT_ID, 2, "")).isEqualTo(Map.of());
        assertThat(gw.queryValue(GET_SESSION_BY_CLIENT_ID, 3, "")).isNull();
        assertThat(text(gw.query(GET_CLIENT_SESSIONS_BY_GROUP, 0, "g")))
                .isEqualTo("a:1:{i:1;s:18:\"a:1:{s:1:\"x\";i:1;}\";}");
        assertThat(text(gw.query(GET_CLIENT_SESSIONS_BY_GROUP, 0, "none"))).isEqualTo("a:0:{}");
        assertThat(text(gw.query(GET_ALL_CLIENT_SESSIONS, 0, "")))
                .contains("i:1;s:18:\"a:1:{s:1:\"x\";i:1;}\";").contains("i:2;s:0:\"\";");
    }

    @Test
    void countsOnlineAndIds() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client((int) 4294967295L);
        registry.joinGroup(a, "g");
        registry.joinGroup(b, "g");
        registry.joinGroup(b, "12");
        registry.bindUid(b, "u");
        assertThat(text(gw.query(GET_CLIENT_COUNT_BY_GROUP, 0, ""))).isEqualTo("i:2;");
        assertThat(text(gw.query(GET_CLIENT_COUNT_BY_GROUP, 0, "12"))).isEqualTo("i:1;");
        assertThat(text(gw.query(GET_CLIENT_COUNT_BY_GROUP, 0, "x"))).isEqualTo("i:0;");
        assertThat(text(gw.query(IS_ONLINE, 1, ""))).isEqualTo("i:1;");
        assertThat(text(gw.query(IS_ONLINE, 3, ""))).isEqualTo("i:0;");
        assertThat(text(gw.query(GET_CLIENT_ID_BY_UID, 0, "u"))).isEqualTo("a:1:{i:0;i:4294967295;}");
        assertThat(text(gw.query(GET_CLIENT_ID_BY_UID, 0, "v"))).isEqualTo("a:0:{}");
        assertThat(text(gw.query(BATCH_GET_CLIENT_ID_BY_UID, 0, "[\"v\",\"u\"]")))
                .isEqualTo("a:2:{s:1:\"v\";a:0:{}s:1:\"u\";a:1:{i:0;i:4294967295;}}");
        assertThat(text(gw.query(BATCH_GET_CLIENT_COUNT_BY_GROUP, 0, "[12,\"g\",\"x\"]")))
                .isEqualTo("a:3:{i:12;i:1;s:1:\"g\";i:2;s:1:\"x\";i:0;}");
        assertThat(gw.queryValue(GET_GROUP_ID_LIST, 0, "")).asList().containsExactlyInAnyOrder("g", 12L);
    }

    @Test
    void selectOrsTheWhereConditionsAndReturnsOnlyKnownFields() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        ClientConnection c = gw.client(3);
        registry.joinGroup(a, "g");
        registry.bindUid(b, "u");
        registry.joinGroup(c, "h");
        registry.leaveGroup(c, "h");
        gw.execute(SET_SESSION, 3, "a:0:{}", "");

        assertThat(text(gw.query(SELECT, 0,
                "{\"fields\":[\"uid\",\"groups\",\"nope\"],\"where\":{\"groups\":[\"g\"],\"uid\":[\"u\"],\"connection_id\":[\"3\",9]}}")))
                .isEqualTo("a:3:{i:1;a:3:{s:3:\"uid\";N;s:6:\"groups\";a:1:{s:1:\"g\";s:1:\"g\";}s:4:\"nope\";N;}"
                        + "i:2;a:3:{s:3:\"uid\";s:1:\"u\";s:6:\"groups\";N;s:4:\"nope\";N;}"
                        + "i:3;a:3:{s:3:\"uid\";N;s:6:\"groups\";a:0:{}s:4:\"nope\";N;}}");
        assertThat(text(gw.query(SELECT, 0, "{\"fields\":[\"session\"],\"where\":{\"connection_id\":{\"3\":3}}}")))
                .isEqualTo("a:1:{i:3;a:1:{s:7:\"session\";s:6:\"a:0:{}\";}}");
        assertThat(text(gw.query(SELECT, 0, "{\"fields\":[\"uid\"],\"where\":{}}"))).startsWith("a:3:{");
        assertThat(text(gw.query(SELECT, 0, "{\"fields\":[],\"where\":[]}"))).isEqualTo("a:0:{}");
        assertThat(text(gw.query(SELECT, 0, "{\"fields\":[\"uid\"],\"where\":{\"groups\":[\"none\"]}}")))
                .isEqualTo("a:0:{}");
        assertThat(text(gw.query(SELECT, 0, "[]"))).isEqualTo("a:0:{}");
    }

    @Test
    void selectWithoutWhereReachesClientsWithoutUidOrGroups() {
        ClientConnection a = gw.client(1);
        registry.bindUid(a, "u");
        gw.client(2);
        @SuppressWarnings("unchecked")
        Map<Long, Map<String, Object>> rows = (Map<Long, Map<String, Object>>) gw.queryValue(SELECT, 0,
                "{\"fields\":[\"uid\"],\"where\":[]}");
        assertThat(rows).containsOnlyKeys(1L, 2L);
        assertThat(rows.get(1L)).containsEntry("uid", "u");
        assertThat(rows.get(2L)).containsEntry("uid", null);
    }

    @Test
    void statsCountAnsweredQueries() {
        gw.client(1);
        gw.query(IS_ONLINE, 1, "");
        gw.queryValue(IS_ONLINE, 1, "");
        assertThat(gw.handler.stats().queriesAnswered()).isEqualTo(2);
    }

    private static byte[] framed(byte[] payload) {
        ByteBuf buf = QueryReplyCodec.encode(ByteBufAllocator.DEFAULT, payload);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
