package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayClient;
import org.jgateway.protocol.ClientId;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;

/**
 * Random interleavings of commands and queries from three API clients (two of our {@link GatewayClient}s and PHP's
 * connection-per-call pattern) against a gateway on four event loops. Each call returns before the next starts, so
 * every query, from any of them, must reflect every command before it: each answer is checked against a model of the
 * commands applied so far.
 * <p>
 * Each client, and the uids and groups named after it, is commanded and asked by one caller (client i by caller i):
 * commands racing on different connections are applied in the order the gateway reads them, and a command of our
 * client returns once queued, so only its own later queries are bound to see it. The tests of
 * {@link ReadYourWritesIntegrationTest} cover one caller's command followed by another's query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesPropertyTest {

    private static final String SECRET = "s3cret";
    private static final int CLIENTS = 3;
    private static final int NAMES = 3;

    private final PhpGatewayClient php = new PhpGatewayClient(SECRET);
    private final List<GatewayClient> javaClients = new ArrayList<>();
    private final List<TextClient> connections = new ArrayList<>();
    private TestCluster cluster;
    private int example;

    /** What a caller does: commands 0–8, queries 9–14, on client {@code client} with name {@code value}. */
    record Op(int caller, int kind, int client, int value) {

        static final int KINDS = 15;
        private static final String[] NAMES = {"bindUid", "unbindUid", "joinGroup", "leaveGroup", "ungroup",
                "setSession", "updateSession", "closeClient", "destroyClient", "getClientIdByUid",
                "getClientIdCountByGroup", "getClientIdListByGroup", "getAllGroupIdList", "isOnline", "getSession"};

        @Override
        public String toString() {
            return (caller == 0 ? "php" : "java" + caller) + "." + NAMES[kind] + "(client " + client + ", " + value + ")";
        }
    }

    @BeforeAll
    void start() {
        cluster = new TestCluster(SECRET, true, 4);
        cluster.addGateway("127.0.0.1", b -> { });
        cluster.addWorker(new RecordingEvents("worker"), b -> { });
        cluster.awaitMesh();
        for (int i = 0; i < 2; i++) {
            javaClients.add(GatewayClient.builder().cluster(cluster.connection())
                    .gatewayAddresses(cluster.gateway().addresses()).build());
        }
    }

    @AfterAll
    void stop() {
        javaClients.forEach(GatewayClient::close);
        connections.forEach(TextClient::close);
        cluster.close();
    }

    @Test
    void everyQuerySeesEveryCommandBeforeIt() {
        Gen<Op> ops = integers().between(0, Op.KINDS - 1).zip(integers().between(0, CLIENTS - 1),
                integers().between(0, NAMES - 1), (kind, client, value) -> new Op(client, kind, client, value));
        qt().withExamples(60).withShrinkCycles(30).forAll(lists().of(ops).ofSizeBetween(1, 40)).checkAssert(this::run);
    }

    /** Runs one sequence on fresh clients and names; fails at the first answer the model contradicts. */
    private void run(List<Op> sequence) {
        example++;
        Model model = new Model();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            TextClient connection = cluster.text();
            connections.add(connection);
            ids.add(connection.send("whoami").read());
            model.online.add(i);
        }
        List<Op> done = new ArrayList<>();
        for (Op op : sequence) {
            done.add(op);
            String id = ids.get(op.client());
            String uid = "e" + example + "-c" + op.client() + "-u" + op.value();
            String group = "e" + example + "-c" + op.client() + "-g" + op.value();
            Object expected = model.apply(op, uid, group, ids);
            Object actual = op.caller() == 0 ? php(op, id, uid, group) : java(javaClients.get(op.caller() - 1), op, id, uid, group);
            if (op.kind() >= 9) {
                assertThat(actual).as("answer to the last of %s", done).isEqualTo(expected);
            }
        }
    }

    private Object php(Op op, String id, String uid, String group) {
        switch (op.kind()) {
            case 0 -> php.bindUid(id, uid);
            case 1 -> php.unbindUid(id, uid);
            case 2 -> php.joinGroup(id, group);
            case 3 -> php.leaveGroup(id, group);
            case 4 -> php.ungroup(id, group);
            case 5 -> php.setSession(id, session(op));
            case 6 -> php.updateSession(id, Map.of("u" + op.value(), (long) op.client()));
            case 7 -> php.closeClient(id);
            case 8 -> php.destroyClient(id);
            case 9 -> {
                return php.getClientIdByUid(id, uid);
            }
            case 10 -> {
                return php.getClientIdCountByGroup(id, group);
            }
            case 11 -> {
                return php.getClientIdListByGroup(id, group);
            }
            case 12 -> {
                return php.getAllGroupIdList(id).contains(group);
            }
            case 13 -> {
                return php.isOnline(id);
            }
            case 14 -> {
                return php.getSession(id);
            }
            default -> throw new IllegalArgumentException("kind " + op.kind());
        }
        return null;
    }

    private static Object java(GatewayApi api, Op op, String id, String uid, String group) {
        switch (op.kind()) {
            case 0 -> api.bindUid(id, uid);
            case 1 -> api.unbindUid(id, uid);
            case 2 -> api.joinGroup(id, group);
            case 3 -> api.leaveGroup(id, group);
            case 4 -> api.ungroup(group);
            case 5 -> api.setSession(id, session(op));
            case 6 -> api.updateSession(id, Map.of("u" + op.value(), (long) op.client()));
            case 7 -> api.closeClient(id);
            case 8 -> api.destroyClient(id);
            case 9 -> {
                return connectionIds(api.getClientIdByUid(uid));
            }
            case 10 -> {
                return (long) api.getClientIdCountByGroup(group);
            }
            case 11 -> {
                return connectionIds(api.getClientIdListByGroup(group));
            }
            case 12 -> {
                return api.getAllGroupIdList().contains(group);
            }
            case 13 -> {
                return api.isOnline(id);
            }
            case 14 -> {
                Map<String, Object> session = api.getSession(id);
                return session == null ? null : new LinkedHashMap<>(session);
            }
            default -> throw new IllegalArgumentException("kind " + op.kind());
        }
        return null;
    }

    private static Map<String, Object> session(Op op) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("s" + op.value(), (long) op.client());
        return session;
    }

    private static Set<Long> connectionIds(Iterable<String> clientIds) {
        Set<Long> ids = new TreeSet<>();
        for (String clientId : clientIds) {
            ids.add(ClientId.parse(clientId).connectionIdUnsigned());
        }
        return ids;
    }

    /** The gateway's state as the commands so far leave it; a command on a closed client does nothing. */
    private static final class Model {

        final Set<Integer> online = new TreeSet<>();
        final Map<Integer, String> uids = new HashMap<>();
        final Map<Integer, Set<String>> groups = new HashMap<>();
        final Map<Integer, Map<String, Object>> sessions = new HashMap<>();

        /** Applies a command (returns null) or answers a query from the model, in the values the callers return. */
        Object apply(Op op, String uid, String group, List<String> ids) {
            int c = op.client();
            boolean live = online.contains(c);
            switch (op.kind()) {
                case 0 -> {
                    if (live) {
                        uids.put(c, uid);
                    }
                }
                case 1 -> uids.remove(c);
                case 2 -> {
                    if (live) {
                        groups.computeIfAbsent(c, k -> new TreeSet<>()).add(group);
                    }
                }
                case 3 -> groups.getOrDefault(c, new TreeSet<>()).remove(group);
                case 4 -> groups.values().forEach(set -> set.remove(group));
                case 5 -> {
                    if (live) {
                        sessions.put(c, session(op));
                    }
                }
                case 6 -> {
                    if (live) {
                        sessions.computeIfAbsent(c, k -> new LinkedHashMap<>()).put("u" + op.value(), (long) c);
                    }
                }
                case 7, 8 -> {
                    online.remove(c);
                    uids.remove(c);
                    groups.remove(c);
                    sessions.remove(c);
                }
                case 9 -> {
                    return matching(ids, i -> uid.equals(uids.get(i)));
                }
                case 10 -> {
                    return (long) matching(ids, i -> groups.getOrDefault(i, Set.of()).contains(group)).size();
                }
                case 11 -> {
                    return matching(ids, i -> groups.getOrDefault(i, Set.of()).contains(group));
                }
                case 12 -> {
                    return groups.values().stream().anyMatch(set -> set.contains(group));
                }
                case 13 -> {
                    return live;
                }
                case 14 -> {
                    return live ? new LinkedHashMap<>(sessions.getOrDefault(c, Map.of())) : null;
                }
                default -> throw new IllegalArgumentException("kind " + op.kind());
            }
            return null;
        }

        private Set<Long> matching(List<String> ids, java.util.function.IntPredicate member) {
            Set<Long> result = new TreeSet<>();
            for (int i : online) {
                if (member.test(i)) {
                    result.add(ClientId.parse(ids.get(i)).connectionIdUnsigned());
                }
            }
            return result;
        }
    }
}
