package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jgateway.client.GatewayClient;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.test.TextClient;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topologies and failures: heartbeat, workers leaving and missing, secrets, two gateways, a standalone client. */
class ClusterBehaviourIntegrationTest {

    /** Sends a line and returns the reply, skipping heartbeat pings. */
    private static String roundTrip(TextClient client, String line) {
        client.send(line);
        String reply = client.read();
        while (reply.equals("{\"type\":\"ping\"}")) {
            reply = client.read();
        }
        return reply;
    }

    private static String clientId(RecordingEvents events) {
        return events.nextStartingWith("connect ").substring("connect ".length());
    }

    @Test
    void heartbeatPingsASilentClientThenClosesIt() {
        String ping = "{\"type\":\"ping\"}";
        try (TestCluster cluster = new TestCluster("")) {
            // Limit 1: a client silent for an interval gets one ping, and is closed at the next tick (HeartbeatTest
            // checks the ticks). The interval leaves the chatty client seconds to spare on a loaded machine.
            cluster.addGateway("127.0.0.1", b -> b.pingInterval(Duration.ofMillis(2000)).pingNotResponseLimit(1)
                    .pingData(ping));
            RecordingEvents events = new RecordingEvents("w");
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            try (TextClient silent = cluster.text(); TextClient chatty = cluster.text()) {
                String silentId = roundTrip(silent, "whoami");
                roundTrip(chatty, "whoami");
                // Chatty keeps talking (every message resets its counter) while silent says nothing more.
                List<String> silentGot = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
                    assertThat(roundTrip(chatty, "alive")).isEqualTo("alive");
                    silent.poll(100).ifPresent(silentGot::add);
                    return silent.closedByServer();
                });
                assertThat(silentGot).containsExactly(ping);
                assertThat(events.nextStartingWith("close ")).isEqualTo("close " + silentId);
                assertThat(roundTrip(chatty, "still here")).isEqualTo("still here");
                assertThat(cluster.gateway().listener("text").stats().heartbeatClosed()).isEqualTo(1);
            }
        }
    }

    /** RFC 6455 7.4.1: a server going down closes with 1001; a client closed by the application gets 1000. */
    @Test
    void shutdownClosesWebSocketClientsWithGoingAwayAfterTheGoodbye() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            cluster.addWorker(new RecordingEvents("w"), b -> { });
            cluster.awaitMesh();
            try (WsClient leaving = cluster.ws(gateway, "/"); WsClient kicked = cluster.ws(gateway, "/");
                    GatewayClient client = GatewayClient.builder().cluster(cluster.connection()).build()) {
                await().until(() -> client.getAllClientIdCount() == 2);
                client.closeClient(client.getAllClientIdList().iterator().next());
                await().until(() -> leaving.isClosed() || kicked.isClosed());
                WsClient closedByApi = kicked.isClosed() ? kicked : leaving;
                WsClient stillOpen = closedByApi == kicked ? leaving : kicked;
                assertThat(closedByApi.closeStatus()).isEqualTo(1000);

                gateway.shutdown("bye".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(stillOpen.messagesUntilClosed()).containsExactly("bye");
                assertThat(stillOpen.closeStatus()).isEqualTo(1001);
            }
        }
    }

    @Test
    void drainStopsReadingFromClientsAndWaitsUntilTheWorkerConfirmedWhatItHas() {
        try (TestCluster cluster = new TestCluster("", false)) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("w");
            CountDownLatch release = new CountDownLatch(1);
            events.onMessage = (context, message) -> {
                awaitQuietly(release);
                context.api().sendToCurrentClient(message);
            };
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            try (TextClient client = cluster.text()) {
                client.send("m1");
                await().until(() -> events.events.stream().anyMatch(event -> event.startsWith("message")));
                CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> gateway.drain(Duration.ofSeconds(30)));
                // The worker still handles m1: the drain waits for its confirmation.
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !drained.isDone());
                // Sent after reading stopped: never read, so never forwarded and never lost.
                client.send("m2");
                release.countDown();
                assertThat(drained.join()).isTrue();
                assertThat(client.read()).isEqualTo("m1");

                gateway.shutdown(null, Duration.ofSeconds(5));
                assertThat(client.closedWithin(5_000)).isTrue();
                ListenerStatus text = gateway.listener("text");
                assertThat(text.stats().clientMessagesIn()).isEqualTo(1);
                assertThat(events.events).noneMatch(event -> event.contains("m2"));
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void eventsAreHeldWhileNoWorkerIsConnectedThenDelivered(boolean inJvm) {
        try (TestCluster cluster = new TestCluster("", inJvm)) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.holdTimeout(Duration.ofSeconds(5)));
            try (TextClient client = cluster.text()) {
                client.send("m1").send("m2");
                await().until(() -> gateway.listener("text").stats().eventsHeld() == 3);
                RecordingEvents events = new RecordingEvents("late");
                cluster.addWorker(events, b -> { });
                String id = clientId(events);
                assertThat(events.next()).isEqualTo("message " + id + " m1");
                assertThat(events.next()).isEqualTo("message " + id + " m2");
                assertThat(client.read()).isEqualTo("m1");
                assertThat(client.read()).isEqualTo("m2");
                assertThat(gateway.listener("text").stats().eventsDroppedNoWorker()).isZero();
            }
        }
    }

    @Test
    void aClientIsClosedWhenNoWorkerComesWithinTheHoldTime() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.holdTimeout(Duration.ofMillis(300)));
            try (TextClient client = cluster.text()) {
                client.send("lost");
                assertThat(client.closedWithin(3000)).isTrue();
                ListenerStatus text = gateway.listener("text");
                await().until(() -> text.stats().eventsDroppedNoWorker() >= 2);
                assertThat(text.stats().clientsClosedNoWorker()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void aWorkerLeavingUnderTrafficLosesNothingAndClientsMoveToTheOther(boolean inJvm) {
        try (TestCluster cluster = new TestCluster("", inJvm)) {
            cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents first = new RecordingEvents("first");
            RecordingEvents second = new RecordingEvents("second");
            BusinessWorker w1 = cluster.addWorker(first, b -> b.name("One"));
            cluster.addWorker(second, b -> b.name("Two"));
            cluster.awaitMesh();
            List<TextClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    clients.add(cluster.text());
                }
                // Least-connections spreads the six clients over both workers.
                for (int round = 0; round < 30; round++) {
                    if (round == 10) {
                        new Thread(w1::close).start();
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        clients.get(i).send("r" + round + "c" + i);
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        assertThat(clients.get(i).read()).isEqualTo("r" + round + "c" + i);
                    }
                }
                await().until(() -> cluster.gateway().listener("text").workers().size() == 1);
                assertThat(cluster.gateway().listener("text").clients()).isEqualTo(6);
                assertThat(cluster.gateway().listener("text").stats().eventsDroppedWorkerClosed()).isZero();
            } finally {
                clients.forEach(TextClient::close);
            }
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void twoGatewaysOnTheirOwnLanIpsWithTwoWorkersAndAStandaloneClient(boolean inJvm) {
        try (TestCluster cluster = new TestCluster("s3cret", inJvm)) {
            GatewayServer g2 = cluster.addGateway("127.0.0.2", b -> { });
            GatewayServer g3 = cluster.addGateway("127.0.0.3", b -> { });
            RecordingEvents e1 = new RecordingEvents("e1");
            RecordingEvents e2 = new RecordingEvents("e2");
            cluster.addWorker(e1, b -> b.name("A"));
            cluster.addWorker(e2, b -> b.name("B"));
            cluster.awaitMesh();
            try (TextClient a = cluster.text(g2); TextClient b = cluster.text(g3); WsClient c = cluster.ws(g3, "/");
                    GatewayClient client = GatewayClient.builder().cluster(cluster.connection()).build()) {
                await().until(() -> client.getAllClientIdCount() == 3);
                List<String> ids = new ArrayList<>(client.getAllClientIdList());
                assertThat(ids).anyMatch(id -> id.startsWith("7f000002")).anyMatch(id -> id.startsWith("7f000003"));
                client.sendToAll("hello all");
                assertThat(a.read()).isEqualTo("hello all");
                assertThat(b.read()).isEqualTo("hello all");
                assertThat(c.read()).isEqualTo("hello all");
                for (String id : ids) {
                    client.joinGroup(id, "everywhere");
                }
                await().until(() -> client.getClientIdCountByGroup("everywhere") == 3);
                client.sendToGroup("everywhere", "group across gateways");
                assertThat(a.read()).isEqualTo("group across gateways");
                assertThat(b.read()).isEqualTo("group across gateways");
                assertThat(c.read()).isEqualTo("group across gateways");
                a.send("echo via a worker");
                assertThat(a.read()).isEqualTo("echo via a worker");
            }
        }
    }

    @Test
    void aHalfClosedClientStillGetsItsReply() throws IOException {
        try (TestCluster cluster = TestCluster.withGatewayAndWorker();
                Socket socket = new Socket("127.0.0.1", cluster.gateway().listener("text").port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            byte[] reply = socket.getInputStream().readNBytes(2);
            assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("x\n");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void aHalfClosedClientIsClosedOnceItsWorkerHasAnsweredNotAfterTheLinger(boolean inJvm) throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (TestCluster cluster = new TestCluster("", inJvm)) {
            // A linger far above the socket timeout: the close must follow the answer, not wait for the linger.
            cluster.addGateway("127.0.0.1", b -> b.halfCloseLinger(Duration.ofSeconds(30)));
            RecordingEvents events = new RecordingEvents("w");
            events.onMessage = (ctx, text) -> {
                try {
                    assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctx.api().sendToCurrentClient(text);
            };
            BusinessWorker worker = cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            try (Socket socket = new Socket("127.0.0.1", cluster.gateway().listener("text").port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("slow\n".getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput();
                if (inJvm) {
                    // The gateway saw the half-close: its close waits behind the message still being handled.
                    await().atMost(Duration.ofSeconds(5)).until(() -> worker.pendingEvents() == 2);
                }
                answer.countDown();
                // The answer was sent after the client shut down its output: it still arrives, then the end.
                byte[] reply = socket.getInputStream().readNBytes(5);
                assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("slow\n");
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aWebSocketClientThatSendsAFinIsClosedAtOnceWithoutACloseFrame() {
        try (TestCluster cluster = new TestCluster("")) {
            // A linger far above the socket timeout: the close must not wait for it.
            cluster.addGateway("127.0.0.1", b -> b.halfCloseLinger(Duration.ofSeconds(30)));
            RecordingEvents events = new RecordingEvents("w");
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            try (RawSocket ws = new RawSocket(cluster.gateway().listener("ws").port())) {
                ws.webSocketHandshake("/");
                ws.write(RawSocket.wsFrame(0x81, true, "hi".getBytes(StandardCharsets.UTF_8)));
                String id = clientId(events);
                assertThat(events.nextStartingWith("message ")).isEqualTo("message " + id + " hi");
                assertThat(ws.read(4)).containsExactly(0x81, 2, 'h', 'i');
                ws.shutdownOutput();
                // The end of the stream at once: no Close frame (0x88) for a peer that left.
                assertThat(ws.readToEnd()).isEmpty();
                assertThat(events.nextStartingWith("close ")).isEqualTo("close " + id);
            }
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void eventsAlreadyOnTheirWaySeeTheSessionTheWorkerJustWrote(boolean inJvm) {
        try (TestCluster cluster = new TestCluster("", inJvm)) {
            cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("w");
            events.onMessage = (ctx, text) -> {
                if (text.startsWith("set ")) {
                    ctx.session().put("v", text.substring(4));
                    ctx.api().sendToCurrentClient("ok");
                } else {
                    ctx.api().sendToCurrentClient(String.valueOf(ctx.session().get("v")));
                }
            };
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            try (TextClient client = cluster.text()) {
                // One write: the later lines leave the gateway before the session written for the earlier ones.
                client.send("set 1\nget\nget\nset 2\nget\nset 3\nset 4\nget\nget");
                assertThat(List.of(client.read(), client.read(), client.read(), client.read(), client.read(),
                        client.read(), client.read(), client.read(), client.read()))
                        .containsExactly("ok", "1", "1", "ok", "2", "ok", "ok", "4", "4");
            }
        }
    }

    @Test
    void aListenerCanHaveItsOwnHeartbeat() {
        try (TestCluster cluster = new TestCluster("")) {
            // The gateway pings JSON; the text listener overrides it with a bare line and no closing.
            GatewayOptions.Builder builder = GatewayOptions.builder().lanIp("127.0.0.1").startPort(0)
                    .cluster(cluster.connection())
                    .pingInterval(Duration.ofMillis(200)).pingData("{\"type\":\"ping\"}")
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0)
                            .pingNotResponseLimit(0).pingData("PING").build(), 0);
            try (GatewayServer gateway = new GatewayServer(builder.build(), cluster.loops.borrowed(),
                    cluster.inJvmGateways)) {
                gateway.start();
                try (TextClient client = new TextClient("127.0.0.1", gateway.listener("text").port())) {
                    assertThat(client.read()).isEqualTo("PING");
                    assertThat(client.read()).isEqualTo("PING");
                }
            }
        }
    }

    @Test
    void aGatewayShutdownSaysGoodbyeToEveryClient() {
        try (TestCluster cluster = TestCluster.withGatewayAndWorker();
                TextClient a = cluster.text(); TextClient b = cluster.text()) {
            await().until(() -> cluster.gateway().listener("text").clients() == 2);
            cluster.gateway().shutdown("server going down".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(a.read()).isEqualTo("server going down");
            assertThat(b.read()).isEqualTo("server going down");
            assertThat(a.closedWithin(2000)).isTrue();
            assertThat(b.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void twoWorkersWithTheSameNameDoNotEvictEachOther() {
        try (TestCluster cluster = new TestCluster("")) {
            cluster.addGateway("127.0.0.1", b -> { });
            BusinessWorker first = cluster.addWorker(new RecordingEvents("a"), b -> b.name("Same"));
            BusinessWorker second = cluster.addWorker(new RecordingEvents("b"), b -> b.name("Same"));
            cluster.awaitMesh();
            assertThat(first.workerKey()).isNotEqualTo(second.workerKey()).startsWith("Same:");
            assertThat(cluster.gateway().listener("text").workers()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void wrongSecretsAreRejectedByRegisterAndGateway(boolean inJvm) throws IOException {
        try (TestCluster cluster = new TestCluster("right", inJvm)) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("intruder");
            BusinessWorker intruder = cluster.addWorker(events, b -> b.cluster(cluster.connection().mutate().secretKey("wrong").build()));
            await().until(() -> cluster.register.stats().wrongSecrets() >= 1);
            assertThat(intruder.connectedGateways()).isEmpty();

            int innerPort = gateway.listener("text").innerPort();
            // A worker announcing itself with the wrong key is closed.
            assertThat(closedAfter(innerPort, GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null,
                    "{\"worker_key\":\"X:0\",\"secret_key\":\"wrong\"}".getBytes(StandardCharsets.UTF_8)))).isTrue();
            // A query before authenticating is closed.
            assertThat(closedAfter(innerPort, GatewayFrame.scalarCommand(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0,
                    null, null))).isTrue();
            await().until(() -> gateway.listener("text").stats().unauthorizedInner() == 2);
        }
    }

    private static boolean closedAfter(int port, GatewayFrame frame) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            ByteBuf buf = Unpooled.buffer();
            GatewayFrameCodec.encode(frame, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return new DataInputStream(socket.getInputStream()).read() == -1;
        }
    }
}
