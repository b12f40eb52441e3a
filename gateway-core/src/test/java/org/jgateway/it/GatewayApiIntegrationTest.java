package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance;
import org.jgateway.test.TextClient;

/**
 * Register + gateway (WebSocket and text) + worker in one JVM on loopback, driven by real clients: every command and
 * query of the Gateway API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayApiIntegrationTest {

    private TestCluster cluster;
    private GatewayApi api;

    /** Whether the worker attaches to the gateway in memory or over loopback TCP. */
    abstract boolean inJvm();

    @BeforeAll
    void start() {
        cluster = TestCluster.withGatewayAndWorker(inJvm());
        api = cluster.worker().api();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /** The worker attached to the gateway in memory. */
    static class InJvmTest extends GatewayApiIntegrationTest {
        @Override
        boolean inJvm() {
            return true;
        }
    }

    /** The worker connected to the gateway over loopback TCP. */
    static class OverTcpTest extends GatewayApiIntegrationTest {
        @Override
        boolean inJvm() {
            return false;
        }
    }

    private RecordingEvents events() {
        return ClusterEvents.of(cluster);
    }

    private static String id(TextClient client) {
        return client.send("whoami").read();
    }

    private static String id(WsClient client) {
        return client.send("whoami").read();
    }

    @Test
    void echoOverTextAndWebSocket() {
        try (TextClient text = cluster.text()) {
            String textId = id(text);
            text.send("hello");
            assertThat(text.read()).isEqualTo("hello");
            assertThat(events().nextStartingWith("message " + textId + " h")).isEqualTo("message " + textId + " hello");
            try (WsClient ws = cluster.ws(cluster.gateway(), "/chat?token=abc&x=1")) {
                String wsId = id(ws);
                // GatewayWorker's order: connect, then the handshake data.
                assertThat(events().nextStartingWith("connect " + wsId)).isEqualTo("connect " + wsId);
                assertThat(events().next()).isEqualTo("ws " + wsId + " {token=abc, x=1}");
                ws.send("ws-msg");
                assertThat(ws.read()).isEqualTo("ws-msg");
            }
        }
    }

    @Test
    void groupsJoinSendLeaveUngroupAndCounts() {
        try (TextClient a = cluster.text(); TextClient b = cluster.text(); WsClient c = cluster.ws(cluster.gateway(), "/")) {
            String idA = id(a);
            String idB = id(b);
            String idC = id(c);
            api.joinGroup(idA, "room");
            api.joinGroup(idC, "room");
            api.joinGroup(idC, "0");
            await().until(() -> api.getClientIdCountByGroup("room") == 2);
            api.sendToGroup("room", "to-room");
            assertThat(a.read()).isEqualTo("to-room");
            assertThat(c.read()).isEqualTo("to-room");
            // A client in two of the listed groups gets the message once (GatewayWorker sends it twice).
            api.sendToGroup(List.of("room", "0"), "once", null, false);
            assertThat(a.read()).isEqualTo("once");
            assertThat(c.read()).isEqualTo("once");
            api.sendToGroup(List.of("room"), "not-to-c", List.of(idC), false);
            assertThat(a.read()).isEqualTo("not-to-c");
            assertThat(api.getClientIdListByGroup("room")).containsExactlyInAnyOrder(idA, idC);
            assertThat(api.getAllGroupIdList()).contains("room", "0");
            assertThat(api.batchGetClientIdCountByGroup(List.of("room", "0", "none")))
                    .containsEntry("room", 2).containsEntry("0", 1).containsEntry("none", 0);
            assertThat(api.getAllGroupClientIdCount()).containsEntry("room", 2).containsEntry("0", 1);
            assertThat(api.getAllGroupClientIdList().get("room")).containsExactlyInAnyOrder(idA, idC);
            api.leaveGroup(idA, "room");
            await().until(() -> api.getClientIdCountByGroup("room") == 1);
            api.sendToGroup("room", "only-c");
            assertThat(c.read()).isEqualTo("only-c");
            assertThat(b.silentFor(200)).isTrue();
            assertThat(a.silentFor(50)).isTrue();
            api.ungroup("room");
            await().until(() -> api.getClientIdCountByGroup("room") == 0);
            assertThat(api.getAllGroupIdList()).doesNotContain("room");
        }
    }

    @Test
    void uidsBindSendQueryUnbind() {
        try (TextClient a = cluster.text(); TextClient b = cluster.text(); TextClient other = cluster.text()) {
            String idA = id(a);
            String idB = id(b);
            id(other);
            api.bindUid(idA, "u1");
            api.bindUid(idB, "u1");
            api.joinGroup(idA, "g-uid");
            await().until(() -> api.getClientIdByUid("u1").size() == 2);
            assertThat(api.isUidOnline("u1")).isTrue();
            assertThat(api.isUidOnline("nobody")).isFalse();
            assertThat(api.isUidsOnline(List.of("u1", "nobody"))).containsEntry("u1", true).containsEntry("nobody", false);
            assertThat(api.getUidByClientId(idA)).isEqualTo("u1");
            assertThat(api.batchGetClientIdByUid(List.of("u1", "nobody")))
                    .satisfies(m -> assertThat(m.get("u1")).containsExactlyInAnyOrder(idA, idB))
                    .satisfies(m -> assertThat(m.get("nobody")).isEmpty());
            assertThat(api.getAllUidList()).contains("u1");
            assertThat(api.getUidListByGroup("g-uid")).containsExactly("u1");
            assertThat(api.getUidCountByGroup("g-uid")).isEqualTo(1);
            assertThat(api.getAllGroupUidList().get("g-uid")).containsExactly("u1");
            assertThat(api.getAllGroupUidCount()).containsEntry("g-uid", 1);
            api.sendToUid("u1", "to-u1");
            assertThat(a.read()).isEqualTo("to-u1");
            assertThat(b.read()).isEqualTo("to-u1");
            assertThat(other.silentFor(200)).isTrue();
            api.bindUid(idA, "u2");
            await().until(() -> api.getClientIdByUid("u1").equals(List.of(idB)));
            api.unbindUid(idB, "ignored");
            await().until(() -> api.getClientIdByUid("u1").isEmpty());
            assertThat(api.getUidByClientId(idB)).isNull();
            api.joinGroup(idA, "g-uid-2");
            api.leaveGroup(idA, "g-uid");
            api.leaveGroup(idA, "g-uid-2");
        }
    }

    @Test
    void sendToAllWithIncludeAndExclude() {
        try (TextClient a = cluster.text(); TextClient b = cluster.text(); WsClient c = cluster.ws(cluster.gateway(), "/")) {
            String idA = id(a);
            String idB = id(b);
            String idC = id(c);
            api.sendToAll("everyone");
            assertThat(a.read()).isEqualTo("everyone");
            assertThat(b.read()).isEqualTo("everyone");
            assertThat(c.read()).isEqualTo("everyone");
            api.sendToAll("listed", List.of(idA, idC), null, false);
            assertThat(a.read()).isEqualTo("listed");
            assertThat(c.read()).isEqualTo("listed");
            api.sendToAll("all-but-a", null, List.of(idA), false);
            assertThat(b.read()).isEqualTo("all-but-a");
            assertThat(c.read()).isEqualTo("all-but-a");
            api.sendToAll("nobody", List.of(), null, false);
            api.sendToClient(idB, "marker");
            assertThat(b.read()).isEqualTo("marker");
            assertThat(a.silentFor(200)).isTrue();
            assertThat(idB).hasSize(20);
        }
    }

    @Test
    void sessionsSetUpdateGetAndAutoSync() {
        String offline;
        try (TextClient a = cluster.text()) {
            String id = id(a);
            offline = id.substring(0, 12) + "7fffffff";
            assertThat(api.getSession(id)).isEmpty();
            api.setSession(id, Map.of("k", "v"));
            await().until(() -> "v".equals(api.getSession(id).get("k")));
            api.updateSession(id, Map.of("n", 1L));
            await().until(() -> api.getSession(id).size() == 2);
            assertThat(api.getSession(id)).containsEntry("k", "v").containsEntry("n", 1L);
            assertThat(api.getAllClientSessions()).containsKey(id);
            RecordingEvents recording = events();
            recording.onMessage = (ctx, text) -> {
                Object count = ctx.session().getOrDefault("count", 0L);
                long next = ((Number) count).longValue() + 1;
                ctx.session().put("count", next);
                ctx.api().sendToCurrentClient(text + ":" + next);
            };
            try {
                a.send("x");
                assertThat(a.read()).isEqualTo("x:1");
                a.send("y");
                assertThat(a.read()).isEqualTo("y:2");
                a.send("z");
                assertThat(a.read()).isEqualTo("z:3");
                await().until(() -> Long.valueOf(3).equals(api.getSession(id).get("count")));
                assertThat(api.getSession(id)).containsEntry("k", "v");
                api.joinGroup(id, "sess");
                await().until(() -> api.getClientSessionsByGroup("sess").containsKey(id));
                assertThat(api.getClientSessionsByGroup("sess").get(id)).containsEntry("count", 3L);
            } finally {
                recording.onMessage = RecordingEvents.ECHO;
            }
        }
        assertThat(api.getSession(offline)).isNull();
        assertThat(api.isOnline(offline)).isFalse();
    }

    @Test
    void kickAndDestroy() {
        try (TextClient a = cluster.text(); TextClient b = cluster.text()) {
            String idA = id(a);
            String idB = id(b);
            assertThat(api.isOnline(idA)).isTrue();
            api.closeClient(idA, "bye");
            assertThat(a.read()).isEqualTo("bye");
            assertThat(a.closedWithin(2000)).isTrue();
            api.destroyClient(idB);
            assertThat(b.closedWithin(2000)).isTrue();
            await().until(() -> !api.isOnline(idA) && !api.isOnline(idB));
            assertThat(events().nextStartingWith("close ")).isIn("close " + idA, "close " + idB);
        }
    }

    @Test
    void currentClientMethodsInsideCallbacks() {
        RecordingEvents recording = events();
        recording.onMessage = (ctx, text) -> {
            if (text.equals("quit")) {
                ctx.api().closeCurrentClient("goodbye");
            } else {
                ctx.api().sendToCurrentClient("you said " + text);
            }
        };
        try (TextClient a = cluster.text()) {
            id(a);
            a.send("hi");
            assertThat(a.read()).isEqualTo("you said hi");
            a.send("quit");
            assertThat(a.read()).isEqualTo("goodbye");
            assertThat(a.closedWithin(2000)).isTrue();
        } finally {
            recording.onMessage = RecordingEvents.ECHO;
        }
    }

    @Test
    void countsAndLists() {
        int during;
        try (TextClient a = cluster.text(); WsClient b = cluster.ws(cluster.gateway(), "/")) {
            String idA = id(a);
            String idB = id(b);
            assertThat(api.getAllClientIdList()).contains(idA, idB);
            during = api.getAllClientIdCount();
            assertThat(during).isGreaterThanOrEqualTo(2);
            assertThat(api.getAllClientCount()).isEqualTo(during);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> api.getAllClientIdCount() <= during - 2);
    }

}
