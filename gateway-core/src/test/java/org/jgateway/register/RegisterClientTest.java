package org.jgateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway and worker register clients against real registers, with short reconnect delays. */
class RegisterClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String G1 = "127.0.0.1:2900";
    private static final String G2 = "127.0.0.1:2901";

    private static EventLoopResources resources;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void createLoops() {
        resources = EventLoopResources.create(2, "register-client-test");
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

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private RegisterServer register(int port) {
        return closeLater(new RegisterServer(RegisterOptions.builder().port(port).build(), resources).start());
    }

    private static RegisterClientOptions.Builder options(RegisterServer... registers) {
        return RegisterClientOptions.builder().cluster(cluster(registers).build()).reconnectJitter(0);
    }

    private static ClusterConnectionOptions.Builder cluster(RegisterServer... registers) {
        List<String> addresses = new ArrayList<>();
        for (RegisterServer register : registers) {
            addresses.add("127.0.0.1:" + register.port());
        }
        return ClusterConnectionOptions.builder().registerAddresses(addresses).connectTimeout(Duration.ofSeconds(1))
                .reconnectDelay(Duration.ofMillis(50));
    }

    private RegisterClient gateway(List<String> addresses, RegisterClientOptions.Builder options) {
        return closeLater(RegisterClient.forGateway(addresses, options.build(), resources).start());
    }

    private RegisterClient worker(RegisterClientOptions.Builder options, List<Set<String>> changes) {
        return closeLater(RegisterClient.forWorker(options.build(), resources, changes::add).start());
    }

    @Test
    void knowsTheUnionOfAllRegisters() {
        RegisterServer a = register(0);
        RegisterServer b = register(0);
        gateway(List.of(G1), options(a));
        gateway(List.of(G2), options(b));
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        RegisterClient worker = worker(options(a, b), changes);

        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1, G2)));
        assertThat(worker.connectedRegisterCount()).isEqualTo(2);
        assertThat(changes).last().isEqualTo(Set.of(G1, G2));
        assertThat(worker.awaitAddresses(Duration.ofMillis(1))).containsExactlyInAnyOrder(G1, G2);
    }

    @Test
    void keepsTheListOfAStoppedRegisterAndResumesWhenItReturns() {
        RegisterServer a = register(0);
        RegisterServer b = register(0);
        int portA = a.port();
        RegisterClient gateway1 = gateway(List.of(G1), options(a));
        gateway(List.of(G2), options(b));
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        RegisterClient worker = worker(options(a, b), changes);
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1, G2)));
        int changesBefore = changes.size();

        a.close();
        await().atMost(TIMEOUT).until(() -> worker.connectedRegisterCount() == 1);
        await().atMost(TIMEOUT).until(() -> gateway1.connectedRegisterCount() == 0);
        // Disconnect handling runs on the client's loop before the count drops: nothing was taken away.
        assertThat(worker.gatewayAddresses()).containsExactlyInAnyOrder(G1, G2);
        assertThat(changes).hasSize(changesBefore);

        RegisterServer restarted = register(portA);
        // The gateway re-announces itself, the worker comes back for the list.
        await().atMost(TIMEOUT).until(() -> restarted.gatewayAddresses().equals(List.of(G1)));
        await().atMost(TIMEOUT).until(() -> restarted.stats().workerConnections() == 1);
        await().atMost(TIMEOUT).until(() -> worker.connectedRegisterCount() == 2);
        assertThat(gateway1.connectedRegisterCount()).isEqualTo(1);

        // The worker listens to the restarted register again: when G1 leaves it, the union drops it.
        gateway1.close();
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G2)));
        assertThat(changes).last().isEqualTo(Set.of(G2));
    }

    @Test
    void workerGetsTheListAgainAfterARegisterRestart() {
        RegisterServer a = register(0);
        int port = a.port();
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        RegisterClient worker = worker(options(a), changes);
        assertThat(worker.awaitAddresses(TIMEOUT)).isEmpty();
        a.close();
        await().atMost(TIMEOUT).until(() -> worker.connectedRegisterCount() == 0);

        RegisterServer restarted = register(port);
        RegisterClient gateway = gateway(List.of(G1), options(restarted));
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1)));
        assertThat(changes).containsExactly(Set.of(G1));
        assertThat(gateway.role()).isEqualTo(RegisterClient.Role.GATEWAY);
    }

    @Test
    void gatewayProcessAnnouncesEachInnerAddressToEachRegister() {
        RegisterServer a = register(0);
        RegisterServer b = register(0);
        RegisterClient gateway = gateway(List.of(G1, G2), options(a, b));
        await().atMost(TIMEOUT).until(() -> a.gatewayAddresses().equals(List.of(G1, G2))
                && b.gatewayAddresses().equals(List.of(G1, G2)));
        assertThat(a.stats().gatewayConnections()).isEqualTo(2);
        assertThat(b.stats().gatewayConnections()).isEqualTo(2);
        assertThat(gateway.connectedRegisterCount()).isEqualTo(2);
        assertThat(gateway.gatewayAddresses()).isEmpty();
        assertThatThrownBy(() -> gateway.awaitAddresses(Duration.ofMillis(1))).isInstanceOf(IllegalStateException.class);

        gateway.close();
        await().atMost(TIMEOUT).until(() -> a.stats().connections() == 0 && b.stats().connections() == 0);
        assertThat(a.gatewayAddresses()).isEmpty();
        assertThat(gateway.connectedRegisterCount()).isZero();
    }

    @Test
    void wrongSecretIsRetriedAndReported() {
        RegisterServer register = closeLater(new RegisterServer(
                RegisterOptions.builder().port(0).secretKey("s3cret").build(), resources).start());
        gateway(List.of(G1), options(register).cluster(cluster(register).secretKey("wrong").build()));
        RegisterClient worker = worker(options(register).cluster(cluster(register).secretKey("wrong").build()), new CopyOnWriteArrayList<>());

        await().atMost(TIMEOUT).until(() -> register.stats().wrongSecrets() >= 4);
        assertThat(register.gatewayAddresses()).isEmpty();
        assertThatThrownBy(() -> worker.awaitAddresses(Duration.ofMillis(100)))
                .isInstanceOf(RegisterUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + register.port())
                .hasMessageContaining("wrong secret_key?");

        RegisterClient good = worker(options(register).cluster(cluster(register).secretKey("s3cret").build()), new CopyOnWriteArrayList<>());
        assertThat(good.awaitAddresses(TIMEOUT)).isEmpty();
    }

    @Test
    void awaitAddressesSaysWhyNoRegisterAnswered() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        RegisterClient worker = closeLater(RegisterClient.forWorker(RegisterClientOptions.builder()
                .cluster(ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + deadPort)
                        .reconnectDelay(Duration.ofMillis(50)).build())
                .build(), resources, addresses -> { }).start());
        assertThatThrownBy(() -> worker.awaitAddresses(Duration.ofMillis(300)))
                .isInstanceOf(RegisterUnavailableException.class)
                .hasMessageContaining("within 300 ms")
                .hasMessageContaining("127.0.0.1:" + deadPort + ": ")
                .hasMessageContaining("refused");
        assertThat(worker.connectedRegisterCount()).isZero();

        worker.close();
        assertThatThrownBy(() -> worker.awaitAddresses(Duration.ofMillis(1)))
                .isInstanceOf(RegisterUnavailableException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void sendsKeepAlivePings() {
        RegisterServer register = register(0);
        // Without the stall check, whose pings would count here too.
        gateway(List.of(G1), options(register).pingInterval(Duration.ofMillis(100))
                .cluster(cluster(register).peerTimeout(Duration.ZERO).build()));
        await().atMost(TIMEOUT).until(() -> register.stats().messages() >= 4);
        assertThat(register.stats().gatewayConnections()).isEqualTo(1);
    }

    @Test
    void aRegisterThatStopsAnsweringIsDroppedOnceAndReconnected() throws Exception {
        try (PingingRegister register = new PingingRegister()) {
            RegisterClient client = gateway(List.of(G1), RegisterClientOptions.builder().reconnectJitter(0)
                    .cluster(register.cluster().peerTimeout(Duration.ofMillis(400)).build()));
            await().atMost(TIMEOUT).until(() -> register.pingsAnswered() >= 3);
            assertThat(client.stalledRegisters()).isZero();

            register.answering = false;
            await().atMost(TIMEOUT).until(() -> client.stalledRegisters() == 1);
            // Reconnected: a new connection introduced itself, and is not checked before the register answers.
            await().atMost(TIMEOUT).until(() -> register.hellos() == 2);
            await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> client.stalledRegisters() == 1);
            assertThat(client.connectedRegisterCount()).isEqualTo(1);
        }
    }

    @Test
    void aRegisterThatNeverAnswersPingsIsNeverDropped() throws Exception {
        // A PHP register answers no ping: the link is not checked, however quiet.
        try (PingingRegister register = new PingingRegister()) {
            register.answering = false;
            RegisterClient client = worker(RegisterClientOptions.builder().reconnectJitter(0)
                    .cluster(register.cluster().peerTimeout(Duration.ofMillis(400)).build()), new ArrayList<>());
            await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> client.connectedRegisterCount() == 1);
            assertThat(client.stalledRegisters()).isZero();
            assertThat(register.hellos()).isEqualTo(1);
        }
    }

    /** A register on a plain socket that answers pings asking for it while {@link #answering}, as ours does. */
    private static final class PingingRegister implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger hellos = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        volatile boolean answering = true;

        PingingRegister() throws IOException {
            Thread acceptor = new Thread(this::accept, "pinging-register");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        ClusterConnectionOptions.Builder cluster() {
            return ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + server.getLocalPort())
                    .reconnectDelay(Duration.ofMillis(50));
        }

        int hellos() {
            return hellos.get();
        }

        int pingsAnswered() {
            return answered.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread reader = new Thread(() -> serve(socket), "pinging-register-connection");
                    reader.setDaemon(true);
                    reader.start();
                }
            } catch (IOException e) {
                // Closed.
            }
        }

        private void serve(Socket socket) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                OutputStream out = socket.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("_connect")) {
                        hellos.incrementAndGet();
                    } else if (line.contains("peer_timeout") && answering) {
                        out.write("{\"event\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        answered.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // The client closed the connection.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void listenerFailureDoesNotBreakTheClient() {
        RegisterServer register = register(0);
        RegisterClient worker = closeLater(RegisterClient.forWorker(options(register).build(), resources, addresses -> {
            throw new IllegalStateException("listener bug");
        }).start());
        gateway(List.of(G1), options(register));
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1)));
        gateway(List.of(G2), options(register));
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1, G2)));
    }

    @Test
    void ownEventLoopClientWorks() {
        RegisterServer register = register(0);
        RegisterClient gateway = closeLater(RegisterClient.forGateway(List.of(G1), options(register).build()).start());
        RegisterClient worker = closeLater(RegisterClient.forWorker(options(register).build(), addresses -> { }).start());
        await().atMost(TIMEOUT).until(() -> worker.gatewayAddresses().equals(Set.of(G1)));
        gateway.close();
        worker.close();
        await().atMost(TIMEOUT).until(() -> register.stats().connections() == 0);
    }

    @Test
    void optionsValidateAddressesAndDelays() {
        RegisterClientOptions defaults = RegisterClientOptions.create();
        assertThat(defaults.registerAddresses()).containsExactly(new HostAndPort("127.0.0.1", 1236));
        assertThat(defaults.cluster().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.cluster().reconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.cluster().maxReconnectDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(25));

        ClusterConnectionOptions two = ClusterConnectionOptions.builder()
                .registerAddresses("10.0.0.1:1236", "[::1]:1236", "10.0.0.1:1236").build();
        RegisterClientOptions client = RegisterClientOptions.builder().cluster(two).build();
        assertThat(client.registerAddresses()).extracting(HostAndPort::toString)
                .containsExactly("10.0.0.1:1236", "[::1]:1236");
        ClusterConnectionOptions secret = two.mutate().secretKey("k3y").build();
        assertThat(secret.registerAddresses()).isEqualTo(two.registerAddresses());
        assertThat(secret.toString()).doesNotContain("k3y").contains("secretKey=***");

        assertThatThrownBy(() -> ClusterConnectionOptions.builder().registerAddresses("text://127.0.0.1:1236"))
                .hasMessageContaining("'text://127.0.0.1:1236'").hasMessageContaining("without a scheme");
        assertThatThrownBy(() -> ClusterConnectionOptions.builder().registerAddresses(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterConnectionOptions.builder().reconnectDelay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectDelay");
        assertThatThrownBy(() -> RegisterClient.forGateway(List.of("127.0.0.1"), defaults, resources))
                .hasMessageContaining("Invalid gateway address '127.0.0.1'");
        assertThatThrownBy(() -> RegisterClient.forGateway(List.of(), defaults, resources))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
