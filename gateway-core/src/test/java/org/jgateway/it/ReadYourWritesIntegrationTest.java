package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayClient;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-your-writes on a gateway whose group has four event loops (inner connections of different clients could land
 * on different loops): a command whose call has returned is applied before any later query, whichever connection
 * carries each. Every command/query pair runs {@value #REPEAT} times; a single stale read fails the test.
 * <p>
 * PHP's GatewayClient opens a connection per call ({@link PhpGatewayClient}); our {@link GatewayClient} keeps a command
 * connection and a query connection per gateway; a remote worker sends commands on its gateway link and queries on
 * other connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesIntegrationTest {

    private static final int REPEAT = 200;
    private static final String SECRET = "s3cret";

    private final PhpGatewayClient php = new PhpGatewayClient(SECRET);
    private final List<TextClient> clients = new ArrayList<>();
    private TestCluster cluster;

    @BeforeAll
    void start() {
        cluster = new TestCluster(SECRET, false, 4);
        cluster.addGateway("127.0.0.1", b -> { });
        cluster.addWorker(new RecordingEvents("worker"), b -> { });
        cluster.awaitMesh();
    }

    @AfterAll
    void stop() {
        clients.forEach(TextClient::close);
        cluster.close();
    }

    /** A new text client; its client_id, learnt from the worker. */
    private String connect() {
        TextClient client = cluster.text();
        clients.add(client);
        return client.send("whoami").read();
    }

    private static Set<Long> only(String clientId) {
        return Set.of(PhpGatewayClient.connectionId(clientId));
    }

    // ---- PHP's GatewayClient: a fresh connection per call ----

    @Test
    void phpBindAndUnbindUidAreSeenByTheNextQuery() {
        String a = connect();
        StaleReads stale = new StaleReads();
        for (int i = 0; i < REPEAT; i++) {
            String uid = "php-uid-" + i;
            php.bindUid(a, uid);
            stale.check("getClientIdByUid after bindUid #" + i, php.getClientIdByUid(a, uid), only(a));
            php.unbindUid(a, uid);
            stale.check("isUidOnline after unbindUid #" + i, php.getClientIdByUid(a, uid), Set.of());
        }
        stale.assertNone();
    }

    @Test
    void phpJoinLeaveAndUngroupAreSeenByTheNextQuery() {
        String a = connect();
        StaleReads stale = new StaleReads();
        for (int i = 0; i < REPEAT; i++) {
            String group = "php-group-" + i;
            php.joinGroup(a, group);
            stale.check("getClientIdListByGroup after joinGroup #" + i, php.getClientIdListByGroup(a, group), only(a));
            php.leaveGroup(a, group);
            stale.check("getClientIdCountByGroup after leaveGroup #" + i, php.getClientIdCountByGroup(a, group), 0L);
            php.joinGroup(a, group);
            stale.check("getClientIdCountByGroup after joinGroup #" + i, php.getClientIdCountByGroup(a, group), 1L);
            php.ungroup(a, group);
            stale.check("getAllGroupIdList after ungroup #" + i, php.getAllGroupIdList(a).contains(group), false);
        }
        stale.assertNone();
    }

    @Test
    void phpSessionWritesAreSeenByTheNextQuery() {
        String a = connect();
        StaleReads stale = new StaleReads();
        for (long i = 0; i < REPEAT; i++) {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("set", i);
            php.setSession(a, session);
            stale.check("getSession after setSession #" + i, php.getSession(a), session);
            php.updateSession(a, Map.of("update", i));
            session.put("update", i);
            stale.check("getSession after updateSession #" + i, php.getSession(a), session);
        }
        stale.assertNone();
    }

    @Test
    void phpCloseAndDestroyAreSeenByTheNextQuery() {
        String gatewayOf = connect();
        StaleReads stale = new StaleReads();
        for (int i = 0; i < REPEAT; i++) {
            long online = php.getClientIdCountByGroup(gatewayOf, "");
            String kicked = connect();
            php.closeClient(kicked);
            stale.check("isOnline after closeClient #" + i, php.isOnline(kicked), false);
            stale.check("getAllClientIdCount after closeClient #" + i, php.getClientIdCountByGroup(gatewayOf, ""), online);
            String destroyed = connect();
            php.destroyClient(destroyed);
            stale.check("isOnline after destroyClient #" + i, php.isOnline(destroyed), false);
            stale.check("getAllClientIdCount after destroyClient #" + i, php.getClientIdCountByGroup(gatewayOf, ""),
                    online);
        }
        stale.assertNone();
    }

    // ---- our GatewayClient: a command connection and a query connection per gateway ----

    /**
     * Each round starts a new client and queries first, so its query connection is open while its command connection
     * is still being opened for the command: the query must wait for the command rather than overtake it.
     */
    @Test
    void javaClientSeesItsCommandsEvenOnAFreshCommandConnection() {
        String a = connect();
        StaleReads stale = new StaleReads();
        try (EventLoopResources loops = EventLoopResources.create(2, "ryw-client")) {
            for (int i = 0; i < REPEAT; i++) {
                try (GatewayClient client = GatewayClient.builder().cluster(cluster.connection())
                        .gatewayAddresses(cluster.gateway().addresses()).eventLoopResources(loops).build()) {
                    String uid = "java-uid-" + i;
                    String group = "java-group-" + i;
                    stale.check("isOnline #" + i, client.isOnline(a), true);
                    client.bindUid(a, uid);
                    stale.check("getClientIdByUid after bindUid #" + i, client.getClientIdByUid(uid), List.of(a));
                    client.joinGroup(a, group);
                    stale.check("getClientIdCountByGroup after joinGroup #" + i, client.getClientIdCountByGroup(group), 1);
                    client.ungroup(group);
                    stale.check("getAllGroupIdList after ungroup #" + i, client.getAllGroupIdList().contains(group), false);
                    client.unbindUid(a, uid);
                    stale.check("isUidOnline after unbindUid #" + i, client.isUidOnline(uid), false);
                }
            }
        }
        stale.assertNone();
    }

    // ---- a business worker connected over TCP: commands on its gateway link, queries on other connections ----

    @Test
    void remoteWorkerSeesItsCommands() {
        assertThat(cluster.worker().connectedGateways()).isNotEmpty();
        GatewayApi api = cluster.worker().api();
        String a = connect();
        StaleReads stale = new StaleReads();
        for (int i = 0; i < REPEAT; i++) {
            String uid = "worker-uid-" + i;
            String group = "worker-group-" + i;
            api.bindUid(a, uid);
            stale.check("getClientIdByUid after bindUid #" + i, api.getClientIdByUid(uid), List.of(a));
            api.joinGroup(a, group);
            stale.check("getClientIdCountByGroup after joinGroup #" + i, api.getClientIdCountByGroup(group), 1);
            api.setSession(a, Map.of("round", (long) i));
            stale.check("getSession after setSession #" + i, api.getSession(a), Map.of("round", (long) i));
            api.leaveGroup(a, group);
            stale.check("getClientIdCountByGroup after leaveGroup #" + i, api.getClientIdCountByGroup(group), 0);
            api.unbindUid(a, uid);
            stale.check("isUidOnline after unbindUid #" + i, api.isUidOnline(uid), false);
        }
        stale.assertNone();
    }
}
