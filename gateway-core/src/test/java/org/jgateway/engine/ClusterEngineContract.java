package org.jgateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        return awaitGateways(GatewayClient.builder().cluster(cluster)
                .api(GatewayApiOptions.builder().broker(broker).build()).build());
    }

    /** {@link #newApi(ClusterBroker)} on the event loops of {@code loops}. */
    protected GatewayClient newApi(ClusterBroker broker, EventLoopResources loops) {
        return awaitGateways(GatewayClient.builder().cluster(cluster).eventLoopResources(loops)
                .api(GatewayApiOptions.builder().broker(broker).build()).build());
    }

    private GatewayClient awaitGateways(GatewayClient other) {
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

    /**
     * A client of gateway {@code index}, once the worker told it its client_id and the gateway counted that command: it
     * counts a command after executing it, so a client can read its id before the count moves, and a test that reads
     * the count next would see the id's command arrive later as if it were one of its own.
     */
    protected Client connect(int index) {
        GatewayServer gateway = gateways.get(index);
        long commands = commandsReceived(gateway);
        TextClient text = new TextClient("127.0.0.1", gateway.listener("text").port());
        clients.add(text);
        Client client = new Client(text, text.read(), gateway);
        await().atMost(Duration.ofSeconds(5)).until(() -> commandsReceived(gateway) > commands);
        return client;
    }

    /** {@code client} got nothing for {@code millis}; with a routing engine its gateway was not even sent a push. */
    private void assertUntouched(Client client, long commandsBefore, int millis) {
        assertThat(client.text.silentFor(millis)).isTrue();
        if (routes()) {
            assertThat(commandsReceived(client.gateway)).isEqualTo(commandsBefore);
        }
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
        assertUntouched(other, before, 200);
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
        assertUntouched(outsider, before, 50);
        api.ungroup("room");
        api.sendToGroup("room", "gone");
        api.sendToAll("all");
        assertThat(a.text.read()).isEqualTo("all");
        assertThat(b.text.read()).isEqualTo("all");
        assertThat(outsider.text.read()).isEqualTo("all");
    }

    @Test
    void asynchronousUidPushesSentAfterBindUidReturnedReachTheClientsOfTheUidInSendOrder() throws Exception {
        Client a = connect(0);
        Client b = connect(1);
        Client other = connect(2);
        api.bindUid(a.id, "u1");
        long before = commandsReceived(other.gateway);
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pushes.add(api.async().sendToUid(List.of("u1"), "m" + i, false));
        }
        api.bindUid(b.id, "u1");
        pushes.add(api.async().sendToUid(List.of("u1"), "after b", false));
        CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 100; i++) {
            assertThat(a.text.read()).isEqualTo("m" + i);
        }
        assertThat(a.text.read()).isEqualTo("after b");
        // Pushes not yet routed when bindUid ran may reach b too: then in order, up to the last one before it.
        List<String> atB = new ArrayList<>();
        for (String message = b.text.read(); !message.equals("after b"); message = b.text.read()) {
            atB.add(message);
        }
        int first = 100 - atB.size();
        for (int i = 0; i < atB.size(); i++) {
            assertThat(atB.get(i)).isEqualTo("m" + (first + i));
        }
        assertUntouched(other, before, 200);
    }

    @Test
    void anAsynchronousGroupPushReachesTheMembersButTheExcludedOnly() throws Exception {
        Client a = connect(0);
        Client b = connect(2);
        Client excluded = connect(2);
        Client outsider = connect(1);
        api.joinGroup(a.id, "room");
        api.joinGroup(b.id, "room");
        api.joinGroup(excluded.id, "room");
        long before = commandsReceived(outsider.gateway);
        api.async().sendToGroup(List.of("room"), "hello", List.of(excluded.id), false).get(10, TimeUnit.SECONDS);
        assertThat(a.text.read()).isEqualTo("hello");
        assertThat(b.text.read()).isEqualTo("hello");
        assertThat(excluded.text.silentFor(200)).isTrue();
        assertUntouched(outsider, before, 50);
    }

    /**
     * A sender on the event loop of its own gateway connections (a handler that must not block): the connection
     * writes at once when called on its loop, so the pushes whose routing was answered on another thread must not
     * be overtaken by those answered before the caller attached its send. Every other answer is waited for before
     * the sender gets it, so both kinds alternate.
     */
    @Test
    void asynchronousPushesFromTheEventLoopOfTheSendersConnectionsKeepTheirOrder() throws Exception {
        Client a = connect(1);
        api.bindUid(a.id, "loop");
        try (EventLoopResources own = EventLoopResources.create(1, "sender-loop");
                GatewayClient sender = newApi(new EveryOtherAnswerReady(newBroker()), own.borrowed())) {
            CompletableFuture<List<CompletableFuture<Void>>> sent = new CompletableFuture<>();
            own.group().next().execute(() -> {
                List<CompletableFuture<Void>> pushes = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    pushes.add(sender.async().sendToUid(List.of("loop"), "l" + i, false));
                }
                sent.complete(pushes);
            });
            CompletableFuture.allOf(sent.get(10, TimeUnit.SECONDS).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 300; i++) {
                assertThat(a.text.read()).isEqualTo("l" + i);
            }
        }
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

    /** An engine whose every other asynchronous routing answer is complete when the sender gets it. */
    private static final class EveryOtherAnswerReady implements ClusterBroker {

        private final ClusterBroker engine;
        private final AtomicInteger answers = new AtomicInteger();

        EveryOtherAnswerReady(ClusterBroker engine) {
            this.engine = engine;
        }

        @Override
        public CompletableFuture<Collection<String>> uidOwnersAsync(Collection<String> uids,
                Collection<String> gateways) {
            CompletableFuture<Collection<String>> owners = engine.uidOwnersAsync(uids, gateways);
            if (answers.incrementAndGet() % 2 == 0) {
                owners.join();
            }
            return owners;
        }

        @Override
        public String engine() {
            return engine.engine();
        }

        @Override
        public Collection<String> uidOwners(Collection<String> uids, Collection<String> gateways) {
            return engine.uidOwners(uids, gateways);
        }

        @Override
        public Collection<String> groupOwners(Collection<String> groups, Collection<String> gateways) {
            return engine.groupOwners(groups, gateways);
        }

        @Override
        public Collection<String> clientOwners(Collection<String> gateways) {
            return engine.clientOwners(gateways);
        }

        @Override
        public void membershipChanging(Membership change) {
            engine.membershipChanging(change);
        }

        @Override
        public void membershipNotSent(Membership change) {
            engine.membershipNotSent(change);
        }

        @Override
        public ClusterPresence presence(Collection<String> gateways) {
            return engine.presence(gateways);
        }

        @Override
        public BrokerStats stats() {
            return engine.stats();
        }
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
