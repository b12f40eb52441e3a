package org.jgateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The register against raw sockets that write exactly what PHP writes and read exactly what PHP reads.
 */
class RegisterServerTest {

    private static final String WORKER_CONNECT = "{\"event\":\"worker_connect\",\"secret_key\":\"\"}\n";
    private static final String EMPTY_LIST = "{\"event\":\"broadcast_addresses\",\"addresses\":[]}";

    private static EventLoopResources resources;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void createLoops() {
        resources = EventLoopResources.create(2, "register-server-test");
    }

    @AfterAll
    static void closeLoops() {
        resources.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private RegisterServer start(RegisterOptions.Builder options) {
        RegisterServer server = new RegisterServer(options.port(0).build(), resources).start();
        closeables.add(server);
        return server;
    }

    private RegisterServer start() {
        return start(RegisterOptions.builder());
    }

    private RawLineClient connect(RegisterServer server) {
        RawLineClient client = new RawLineClient(server.port());
        closeables.add(client);
        return client;
    }

    private static String gatewayConnect(String address, String secret) {
        // PHP Gateway::registerAddress(): string concatenation, spaces after the commas.
        return "{\"event\":\"gateway_connect\", \"address\":\"" + address + "\", \"secret_key\":\"" + secret + "\"}\n";
    }

    @Test
    void answersOnlyThePingsThatAskForAnAnswer() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);

        // A PHP peer's keep-alive gets nothing (PHP would not know the line); ours, asking, gets a ping back. The
        // first line read back is the answer to the second ping, so the first got none.
        worker.write("{\"event\":\"ping\"}\n").write("{\"event\":\"ping\",\"peer_timeout\":8000}\n");
        assertThat(worker.readLine()).isEqualTo("{\"event\":\"ping\"}");
        worker.write("{\"event\":\"ping\",\"peer_timeout\":8000}\n");
        assertThat(worker.readLine()).isEqualTo("{\"event\":\"ping\"}");
        assertThat(server.stats().badRequests()).isZero();
    }

    @Test
    void speaksPhpBytes() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);

        connect(server).write(gatewayConnect("127.0.0.1:2900", ""));
        assertThat(worker.readLine())
                .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2900\"]}");
        connect(server).write(gatewayConnect("127.0.0.1:3900", ""));
        assertThat(worker.readLine())
                .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2900\",\"127.0.0.1:3900\"]}");

        // GatewayClient: worker_connect, one reply line, then the socket is dropped.
        try (RawLineClient gatewayClient = new RawLineClient(server.port())) {
            gatewayClient.write(WORKER_CONNECT);
            assertThat(gatewayClient.readLine())
                    .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2900\",\"127.0.0.1:3900\"]}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().workerConnections() == 1);
        assertThat(server.gatewayAddresses()).containsExactly("127.0.0.1:2900", "127.0.0.1:3900");
    }

    @Test
    void gatewayLeavingIsBroadcast() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        RawLineClient first = connect(server).write(gatewayConnect("127.0.0.1:2900", ""));
        assertThat(worker.readLine()).contains("2900");
        connect(server).write(gatewayConnect("127.0.0.1:2901", ""));
        assertThat(worker.readLine()).contains("2900", "2901");

        first.close();
        assertThat(worker.readLine())
                .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2901\"]}");
        assertThat(server.gatewayAddresses()).containsExactly("127.0.0.1:2901");
    }

    @Test
    void duplicateAddressIsListedOnceUntilBothConnectionsAreGone() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        RawLineClient first = connect(server).write(gatewayConnect("127.0.0.1:2900", ""));
        assertThat(worker.readLine()).endsWith("[\"127.0.0.1:2900\"]}");
        connect(server).write(gatewayConnect("127.0.0.1:2901", ""));
        assertThat(worker.readLine()).endsWith("[\"127.0.0.1:2900\",\"127.0.0.1:2901\"]}");
        RawLineClient second = connect(server).write(gatewayConnect("127.0.0.1:2900", ""));
        assertThat(worker.readLine()).endsWith("[\"127.0.0.1:2900\",\"127.0.0.1:2901\"]}");
        assertThat(server.stats().gatewayConnections()).isEqualTo(3);
        assertThat(server.stats().gatewayAddresses()).isEqualTo(2);

        first.close();
        assertThat(worker.readLine()).endsWith("[\"127.0.0.1:2901\",\"127.0.0.1:2900\"]}");
        second.close();
        assertThat(worker.readLine()).endsWith("[\"127.0.0.1:2901\"]}");
    }

    @Test
    void secretKeyIsRequired() {
        RegisterServer server = start(RegisterOptions.builder().secretKey("s3cret"));
        RawLineClient worker = connect(server).write("{\"event\":\"worker_connect\",\"secret_key\":\"s3cret\"}\n");
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        connect(server).write(gatewayConnect("127.0.0.1:2900", "s3cret"));
        assertThat(worker.readLine()).contains("127.0.0.1:2900");
        assertThat(server.stats().wrongSecrets()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"wrong\"}\n",
            "{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"\"}\n",
            "{\"event\":\"worker_connect\",\"secret_key\":\"s3cre\"}\n",
            "{\"event\":\"worker_connect\"}\n",
    })
    void wrongSecretClosesTheConnection(String line) {
        RegisterServer server = start(RegisterOptions.builder().secretKey("s3cret"));
        RawLineClient client = connect(server).write(line);
        assertThat(client.isClosedByPeer()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().connections() == 0);
        RegisterStats stats = server.stats();
        assertThat(stats.wrongSecrets()).isEqualTo(1);
        assertThat(stats.rejectedConnections()).isEqualTo(1);
        assertThat(stats.gatewayConnections()).isZero();
        assertThat(stats.workerConnections()).isZero();
        assertThat(server.gatewayAddresses()).isEmpty();
    }

    @Test
    void silenceBeyondTheDeadlineClosesTheConnection() {
        RegisterServer server = start(RegisterOptions.builder().authTimeout(Duration.ofMillis(200)));
        RawLineClient silent = connect(server);
        assertThat(silent.isClosedByPeer()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().authTimeouts() == 1);
        assertThat(server.stats().connections()).isZero();
    }

    @Test
    void anyFirstMessageCancelsTheDeadline() {
        RegisterServer server = start(RegisterOptions.builder().authTimeout(Duration.ofMillis(200)));
        connect(server).write("{\"event\":\"ping\"}\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().messages() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> server.stats().connections() == 1);
        assertThat(server.stats().authTimeouts()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET / HTTP/1.1\r\n",
            "{\"event\":\"nope\"}\n",
            "[1,2]\n",
            "{\"event\":\"broadcast_addresses\",\"addresses\":[]}\n",
            "{\"event\":\"gateway_connect\", \"address\":\"\", \"secret_key\":\"\"}\n",
    })
    void badRequestIsAnsweredAndClosed(String line) {
        RegisterServer server = start();
        RawLineClient client = connect(server).write(line);
        assertThat(client.readLine()).startsWith("Bad request for Register service");
        assertThat(client.isClosedByPeer()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().badRequests() == 1);
        assertThat(server.gatewayAddresses()).isEmpty();
    }

    @Test
    void badLinesAfterTheFirstAreCountedOnce() {
        RegisterServer server = start();
        RawLineClient client = connect(server).write("garbage\nmore garbage\n{\"event\":\"worker_connect\"}\n");
        assertThat(client.readLine()).startsWith("Bad request for Register service");
        assertThat(client.isClosedByPeer()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().connections() == 0);
        assertThat(server.stats().badRequests()).isEqualTo(1);
        assertThat(server.stats().workerConnections()).isZero();
    }

    @Test
    void overlongLineIsABadRequest() {
        RegisterServer server = start(RegisterOptions.builder().maxLineLength(1024));
        RawLineClient client = connect(server).write("{\"event\":\"ping\"" + " ".repeat(2000) + "}\n");
        assertThat(client.readLine()).startsWith("Bad request for Register service").contains("exceeds");
        assertThat(client.isClosedByPeer()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().badRequests() == 1);
    }

    @Test
    void statsCountRolesAndMessages() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        connect(server).write(gatewayConnect("127.0.0.1:2900", "")).write("{\"event\":\"ping\"}\n");
        worker.write("{\"event\":\"ping\"}\n");
        connect(server);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().messages() == 4);
        assertThat(server.stats()).isEqualTo(new RegisterStats(3, 1, 1, 1, 0, 0, 0, 4));
    }

    @Test
    void closeDropsEveryConnectionWithoutALastBroadcast() {
        RegisterServer server = start();
        RawLineClient worker = connect(server).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        RawLineClient gateway = connect(server).write(gatewayConnect("127.0.0.1:2900", ""));
        assertThat(worker.readLine()).contains("127.0.0.1:2900");

        server.close();
        // Workers keep the last list of a register that goes away: no broadcast without the gateway first.
        assertThat(worker.isClosedByPeer()).isTrue();
        assertThat(gateway.isClosedByPeer()).isTrue();
        assertThat(server.isRunning()).isFalse();
        server.close();
    }

    @Test
    void portInUseFailsWithTheAddress() {
        RegisterServer server = start();
        RegisterServer second = new RegisterServer(RegisterOptions.builder().port(server.port()).build(), resources);
        assertThatThrownBy(second::start)
                .isInstanceOf(RegisterBindException.class)
                .hasMessageContaining("127.0.0.1:" + server.port())
                .satisfies(e -> assertThat(((RegisterBindException) e).port()).isEqualTo(server.port()));
        second.close();
    }

    @Test
    void defaultsAreGatewayWorkersOnLoopback() {
        RegisterOptions options = RegisterOptions.create();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(1236);
        assertThat(options.secretKey()).isEmpty();
        assertThat(options.authTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxLineLength()).isEqualTo(65536);
        assertThat(options.mutate().secretKey("x").build().toString()).doesNotContain("x,").contains("***");
        assertThatThrownBy(() -> RegisterOptions.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterOptions.builder().authTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownEventLoopIsShutDownOnClose() {
        RegisterServer server = new RegisterServer(RegisterOptions.builder().port(0).build()).start();
        RawLineClient worker = new RawLineClient(server.port()).write(WORKER_CONNECT);
        assertThat(worker.readLine()).isEqualTo(EMPTY_LIST);
        server.close();
        assertThat(worker.isClosedByPeer()).isTrue();
        worker.close();
        assertThat(resources.group().isShuttingDown()).isFalse();
    }
}
