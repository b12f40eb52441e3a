package org.jgateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every cluster engine guarantees, against real gateways: a register, three gateways with a text listener each,
 * a business worker that tells each client its client_id, and a {@link GatewayClient} (the sender) over the engine
 * under test. Each engine's test extends this with its {@link ClusterBroker} and {@link LocalIndexSync}.
 */
public abstract class ClusterEngineContract {

    private EventLoopResources loops;
    private RegisterServer register;
    private final List<GatewayServer> gateways = new ArrayList<>();
    private BusinessWorker worker;
    private ClusterConnectionOptions cluster;
    private final List<TextClient> clients = new ArrayList<>();
    protected GatewayClient api;
    protected ClusterBroker broker;

    /** A new sender side for an API of this test, as another process would have (its own connection to the store). */
    protected abstract ClusterBroker newBroker();

    /** The gateway side each of the three gateways attaches. */
    protected abstract LocalIndexSync indexSync();

    /** Whether pushes reach only the gateways that hold a target (false: every gateway is sent every push). */
    protected abstract boolean routes();

    /** Waits until the engine is ready to route (its gateways announced); after the cluster started. */
    protected void awaitEngineReady() {
    }

    /** Releases what the engine holds (connections), once the cluster of a test has stopped. */
    protected void closeEngine() {
    }

    /** The gateways of this test. */
    protected List<GatewayServer> gateways() {
        return gateways;
    }

    /** Another sender of this cluster, as another process would have: its own connections, over {@code broker}. */
    protected GatewayClient newApi(ClusterBroker broker) {
        GatewayClient other = GatewayClient.builder().cluster(cluster)
                .api(GatewayApiOptions.builder().broker(broker).build()).build();
        List<String> all = gatewayAddresses();
        await().atMost(Duration.ofSeconds(10)).until(() -> other.pool().gatewayAddresses().containsAll(all));
        return other;
    }

    @BeforeEach
    void startCluster() {
        loops = EventLoopResources.create(2, "contract");
        register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(), loops.borrowed());
        register.start();
        cluster = ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + register.port()).reconnectDelay(Duration.ofMillis(100)).build();
        InJvmGateways inJvm = new InJvmGateways();
        for (int i = 0; i < 3; i++) {
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder().name("gw" + i).lanIp("127.0.0.1")
                    .startPort(0)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").host("127.0.0.1").port(0)
                            .build(), 0)
                    .cluster(cluster).indexSync(indexSync()).build(), loops.borrowed(), inJvm);
            gateway.start();
            gateways.add(gateway);
        }
        worker = new BusinessWorker(WorkerOptions.builder().name("W").cluster(cluster).build(), new TellClientId(),
                loops.borrowed(), inJvm);
        worker.start();
        broker = newBroker();
        api = GatewayClient.builder().cluster(cluster).api(GatewayApiOptions.builder().broker(broker).build()).build();
        List<String> all = gatewayAddresses();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.connectedGateways().containsAll(all)
                && api.pool().gatewayAddresses().containsAll(all));
        awaitEngineReady();
    }

    @AfterEach
    void stopCluster() {
        clients.forEach(TextClient::close);
        if (api != null) {
            api.close();
        }
        if (worker != null) {
            worker.close();
        }
        gateways.forEach(GatewayServer::close);
        if (register != null) {
            register.close();
        }
        if (loops != null) {
            loops.close();
        }
        closeEngine();
    }

    private List<String> gatewayAddresses() {
        List<String> all = new ArrayList<>();
        gateways.forEach(g -> all.addAll(g.addresses()));
        return all;
    }

    /** A client of gateway {@code index}, once the worker told it its client_id. */
    protected Client connect(int index) {
        GatewayServer gateway = gateways.get(index);
        TextClient text = new TextClient("127.0.0.1", gateway.listener("text").port());
        clients.add(text);
        return new Client(text, text.read(), gateway);
    }

    private static long commandsReceived(GatewayServer gateway) {
        return gateway.listener("text").stats().workerCommands();
    }

    @Test
    void aUidPushSentAfterBindUidReturnedReachesEveryClientOfTheUidInSendOrder() {
        Client a = connect(0);
        Client b = connect(1);
        Client other = connect(2);
        api.bindUid(a.id, "u1");
        api.bindUid(b.id, "u1");
        long before = commandsReceived(other.gateway);
        for (int i = 0; i < 50; i++) {
            api.sendToUid("u1", "m" + i);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(a.text.read()).isEqualTo("m" + i);
            assertThat(b.text.read()).isEqualTo("m" + i);
        }
        assertThat(other.text.silentFor(200)).isTrue();
        if (routes()) {
            assertThat(commandsReceived(other.gateway)).isEqualTo(before);
        }
    }

    @Test
    void aGroupPushSentAfterJoinGroupReturnedReachesTheMembersOnly() {
        Client a = connect(0);
        Client b = connect(2);
        Client outsider = connect(1);
        api.joinGroup(a.id, "room");
        api.joinGroup(b.id, "room");
        long before = commandsReceived(outsider.gateway);
        api.sendToGroup("room", "hello");
        assertThat(a.text.read()).isEqualTo("hello");
        assertThat(b.text.read()).isEqualTo("hello");
        api.leaveGroup(b.id, "room");
        api.sendToGroup("room", "again");
        assertThat(a.text.read()).isEqualTo("again");
        assertThat(b.text.silentFor(200)).isTrue();
        assertThat(outsider.text.silentFor(50)).isTrue();
        if (routes()) {
            assertThat(commandsReceived(outsider.gateway)).isEqualTo(before);
        }
        api.ungroup("room");
        api.sendToGroup("room", "gone");
        api.sendToAll("all");
        assertThat(a.text.read()).isEqualTo("all");
        assertThat(b.text.read()).isEqualTo("all");
        assertThat(outsider.text.read()).isEqualTo("all");
    }

    @Test
    void presenceReflectsEveryCommandAsSoonAsItReturned() {
        Client a = connect(0);
        Client b = connect(1);
        Client c = connect(2);
        api.bindUid(a.id, "alice");
        api.bindUid(b.id, "alice");
        api.bindUid(c.id, "carol");
        api.joinGroup(a.id, "g");
        api.joinGroup(c.id, "g");
        api.joinGroup(b.id, "h");

        assertThat(api.getAllClientIdCount()).isEqualTo(3);
        assertThat(api.isUidOnline("alice")).isTrue();
        assertThat(api.isUidOnline("bob")).isFalse();
        assertThat(api.getClientIdByUid("alice")).containsExactlyInAnyOrder(a.id, b.id);
        assertThat(api.getClientIdCountByGroup("g")).isEqualTo(2);
        assertThat(api.getClientIdListByGroup("g")).containsExactlyInAnyOrder(a.id, c.id);
        assertThat(api.getUidListByGroup("g")).containsExactlyInAnyOrder("alice", "carol");
        assertThat(api.getUidCountByGroup("g")).isEqualTo(2);
        assertThat(api.getAllUidCount()).isEqualTo(2);
        assertThat(api.getAllGroupIdList()).containsExactlyInAnyOrder("g", "h");
        assertThat(api.batchGetClientIdByUid(List.of("alice", "nobody")))
                .isEqualTo(Map.of("alice", api.getClientIdByUid("alice"), "nobody", List.of()));

        api.unbindUid(b.id, "alice");
        api.leaveGroup(c.id, "g");
        assertThat(api.getClientIdByUid("alice")).containsExactly(a.id);
        assertThat(api.getUidListByGroup("g")).containsExactly("alice");
        api.ungroup("h");
        assertThat(api.getAllGroupIdList()).containsExactly("g");

        a.text.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(api.getAllClientIdCount()).isEqualTo(2);
            assertThat(api.isUidOnline("alice")).isFalse();
            assertThat(api.getAllGroupIdList()).isEqualTo(Set.of());
        });
    }

    @Test
    void aMembershipCommandForAClientThatIsGoneLeavesNoTrace() {
        Client a = connect(1);
        String id = a.id;
        a.text.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> api.getAllClientIdCount() == 0);
        api.bindUid(id, "ghost");
        api.joinGroup(id, "haunted");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(api.isUidOnline("ghost")).isFalse();
            assertThat(api.getClientIdCountByGroup("haunted")).isZero();
            assertThat(api.getAllGroupIdList()).isEmpty();
        });
    }

    /** A text client of the cluster with its client_id and gateway. */
    protected record Client(TextClient text, String id, GatewayServer gateway) {
    }

    /** Tells each client its client_id, so the test can address it. */
    private static final class TellClientId implements WorkerEventHandler {

        @Override
        public void onConnect(EventContext context) {
            context.api().sendToClient(context.clientId(), context.clientId());
        }

        @Override
        public void onMessage(EventContext context, byte[] message) {
        }
    }
}
