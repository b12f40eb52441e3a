package org.jgateway.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster of {@code run-cluster.sh} in three real JVMs: a master (register and gateway) and two workers. Clients
 * connected to the master are served by both workers; one worker stops while the clients keep sending, and every
 * message is still answered, in order, on the same connections; the worker comes back and takes new clients.
 */
class ClusterProcessesIT {

    private static final String SECRET = "cluster-test-secret";
    private static final String TEXT_WORKERS = "Gateway listener 'text' workers: ";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        connections.forEach(connection -> connection.client.close());
        // Workers before the master, as in production: they leave while the gateway still runs.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).ensureStopped();
        }
    }

    /** Where the workers find the master's gateway: its register, as GatewayWorker's workers do. */
    private String register;

    @Test
    void clientsStayConnectedAndServedWhileAWorkerLeavesAndComesBack() {
        NodeProcess master = startMaster(Map.of("LAN_IP", masterIp(), "START_PORT", "0",
                "GATEWAY_LISTENERS_WEBSOCKET_PORT", "0", "GATEWAY_LISTENERS_TEXT_PORT", "0"));
        Map<String, String> ports = master.awaitReady();
        String text = ports.get("text");
        assertThat(ports.get("machine-type")).isEqualTo(expectedMasterRoles());
        register = ports.get("register");

        NodeProcess one = startWorker("worker-1");
        startWorker("worker-2");
        master.awaitLine(TEXT_WORKERS, line -> workersIn(line).equals(List.of("worker-1", "worker-2")), STARTUP);

        // Least-connections spreads the clients over both workers.
        List<Connection> first = connect(text, 6);
        assertThat(first).extracting(Connection::worker).contains("worker-1", "worker-2");
        round();
        for (Connection connection : first) {
            assertThat(connection.workersSinceMark()).as("client %d", connection.id).containsOnly(connection.worker);
        }

        // Worker 1 leaves (SIGTERM: graceful shutdown) with messages on their way to it, while the clients keep
        // sending.
        sendAll();
        one.requestStop();
        readAll();
        await("worker-1 exits").pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    round();
                    return !one.isAlive();
                });
        assertThat(one.logged("Worker 'worker-1' left the cluster")).as("worker-1 left gracefully").isTrue();
        master.awaitLine(TEXT_WORKERS, line -> workersIn(line).equals(List.of("worker-2")), STARTUP);
        markAll();
        round();
        for (Connection connection : first) {
            assertThat(connection.workersSinceMark()).as("client %d", connection.id).containsOnly("worker-2");
        }

        // Worker 1 comes back: the clients keep their worker (sticky), new clients go to the emptier one.
        NodeProcess back = startWorker("worker-1");
        await("worker-1 is back").pollInterval(Duration.ofMillis(100)).atMost(STARTUP)
                .until(() -> {
                    round();
                    if (!back.isAlive()) {
                        throw new AssertionError("worker-1 exited:\n" + back.tail());
                    }
                    return master.latest(TEXT_WORKERS)
                            .filter(line -> workersIn(line).equals(List.of("worker-1", "worker-2"))).isPresent();
                });
        markAll();
        List<Connection> newcomers = connect(text, 3);
        round();
        round();
        assertThat(newcomers).extracting(Connection::worker).contains("worker-1");
        for (Connection connection : connections) {
            assertThat(connection.workersSinceMark()).as("client %d", connection.id)
                    .containsOnly(first.contains(connection) ? "worker-2" : connection.worker);
        }
    }

    /** The master: the register and the gateway (profile {@code master}), every port ephemeral. */
    NodeProcess startMaster(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("REGISTER_PORT", "0");
        return start("master", env, "--spring.profiles.active=master");
    }

    String expectedMasterRoles() {
        return "register,gateway";
    }

    /** A worker machine (profile {@code worker}) that finds the master through its register. */
    NodeProcess startWorker(String name) {
        assertThat(register).startsWith(masterIp() + ":");
        return start(name, Map.of("REGISTER_ADDRESS", register, "WORKER_NAME", name),
                "--spring.profiles.active=worker");
    }

    NodeProcess start(String name, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GATEWAY_SECRET_KEY", SECRET);
        NodeProcess node = NodeProcess.start(name + "-" + nodes.size(), env, args);
        nodes.add(node);
        return node;
    }

    private List<Connection> connect(String address, int count) {
        int colon = address.lastIndexOf(':');
        List<Connection> connected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Connection connection = new Connection(connections.size(),
                    new TextClient(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
            connections.add(connection);
            connected.add(connection);
        }
        return connected;
    }

    private void markAll() {
        connections.forEach(Connection::mark);
    }

    /** Worker names of a MembershipLog line; the gateway knows workers as {@code ip:name:pid}. */
    private static List<String> workersIn(String line) {
        String list = line.substring(line.indexOf(TEXT_WORKERS) + TEXT_WORKERS.length()).replaceAll("[\\[\\]]", "");
        if (list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(", ")).map(key -> key.split(":")[1]).sorted().toList();
    }

    /**
     * One round of traffic: every client sends a burst of messages, then reads the echoes, which must all come back,
     * in order, on the same connection.
     */
    private void round() {
        sendAll();
        readAll();
    }

    private void sendAll() {
        connections.forEach(Connection::sendBurst);
    }

    private void readAll() {
        connections.forEach(Connection::readBurst);
    }

    /** 127.0.0.2 stands in for the master's LAN address where the loopback network has it (Linux), else 127.0.0.1. */
    private static String masterIp() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            return "127.0.0.2";
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    /** A client and the workers that answered it, round by round. */
    private static final class Connection {

        private static final int BURST = 4;

        private final int id;
        private final TextClient client;
        private final String worker;
        private final List<String> repliedBy = new ArrayList<>();
        private int sent;
        private int received;
        private int mark;

        Connection(int id, TextClient client) {
            this.id = id;
            this.client = client;
            JsonNode welcome = read();
            assertThat(welcome.get("type").asString()).isEqualTo("welcome");
            this.worker = welcome.get("worker").asString();
        }

        String worker() {
            return worker;
        }

        void sendBurst() {
            for (int i = 0; i < BURST; i++) {
                client.send("c" + id + "-" + sent++);
            }
        }

        void readBurst() {
            while (received < sent) {
                JsonNode echo = read();
                assertThat(echo.get("msg").asString()).as("client %d, message %d", id, received)
                        .isEqualTo("c" + id + "-" + received);
                repliedBy.add(echo.get("worker").asString());
                received++;
            }
        }

        /** The next line as JSON, waited for longer than the gateway's hold timeout: a reply may wait for a worker. */
        private JsonNode read() {
            String line = client.poll(10_000).orElseThrow(() -> new AssertionError(client.closedByServer()
                    ? "connection closed by the server" : "no line within 10 s"));
            return JsonMapper.shared().readTree(line);
        }

        void mark() {
            mark = repliedBy.size();
        }

        /** The workers that answered since the last {@link #mark()}. */
        List<String> workersSinceMark() {
            return repliedBy.subList(mark, repliedBy.size());
        }
    }
}
