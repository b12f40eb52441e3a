package org.jgateway.redis.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgateway.client.GatewayClient;
import org.jgateway.discovery.DiscoveryConnection;
import org.jgateway.discovery.DiscoveryUnavailableException;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class RedisDiscoveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private EventLoopResources loops;
    private RedisConnections connections;

    @BeforeEach
    void connect() {
        redis.flushAll();
        loops = EventLoopResources.create(2, "discovery-test");
        connections = connect(redis);
    }

    private static RedisConnections connect(RedisServerExtension server) {
        return RedisConnections.standalone(RedisURI.create(server.host(), server.port()), TIMEOUT);
    }

    @AfterEach
    void close() {
        connections.close();
        loops.close();
    }

    @Test
    void gatewaysWorkersAndClientsFindEachOtherThroughRedisWithoutARegister() {
        RedisDiscovery discovery = RedisDiscovery.builder(connections).keys(new RedisKeys("test1")).build();
        // No register runs: the cluster options only carry the defaults (secret, timeouts).
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:1").build();
        try (GatewayServer first = gateway(cluster, discovery);
             GatewayServer second = gateway(cluster, discovery);
             BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("Echo").cluster(cluster).build(),
                     (ctx, message) -> ctx.api().sendToAll(message), loops.borrowed(), new InJvmGateways(),
                     discovery)) {
            first.start();
            second.start();
            worker.start();
            await().atMost(TIMEOUT).until(() -> worker.connectedGateways().size() == 2);
            assertThat(worker.knownGateways()).containsExactlyInAnyOrderElementsOf(
                    List.of(first.addresses().get(0), second.addresses().get(0)));
            assertThat(worker.connectedRegisters()).isZero();
            assertThat(worker.isDiscoveryConnected()).isTrue();
            await().atMost(TIMEOUT).until(first::isDiscoveryConnected);
            assertThat(redis.command("ZRANGE", "test1:{gateways}", "0", "-1")).asList()
                    .containsExactlyInAnyOrder(first.addresses().get(0), second.addresses().get(0));

            try (TextClient alice = new TextClient("127.0.0.1", first.listener("text").port());
                 TextClient bob = new TextClient("127.0.0.1", second.listener("text").port());
                 GatewayClient client = GatewayClient.builder().cluster(cluster).discovery(discovery)
                         .eventLoopResources(loops).build()) {
                await().atMost(TIMEOUT).until(() -> client.getAllClientIdCount() == 2);
                alice.send("hi all");
                assertThat(alice.read()).isEqualTo("hi all");
                assertThat(bob.read()).isEqualTo("hi all");
                client.sendToAll("from the client");
                assertThat(alice.read()).isEqualTo("from the client");
                assertThat(bob.read()).isEqualTo("from the client");
            }

            String leaving = second.addresses().get(0);
            second.close();
            // Withdrawn at once, not after the expiry.
            assertThat(redis.command("ZRANGE", "test1:{gateways}", "0", "-1")).asList().doesNotContain(leaving);
            await().atMost(Duration.ofSeconds(3)).until(() -> !worker.knownGateways().contains(leaving));
        }
    }

    @Test
    void aRedisOutageDisconnectsNobodyAndTheAnnouncementComesBack() {
        RedisDiscovery discovery = RedisDiscovery.builder(connections).keys(new RedisKeys("test5")).build();
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:1").build();
        try (GatewayServer gateway = gateway(cluster, discovery);
             BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("Echo").cluster(cluster).build(),
                     (ctx, message) -> ctx.api().sendToCurrentClient(message), loops.borrowed(), new InJvmGateways(),
                     discovery)) {
            gateway.start();
            worker.start();
            await().atMost(TIMEOUT).until(() -> worker.connectedGateways().size() == 1);
            try (TextClient alice = new TextClient("127.0.0.1", gateway.listener("text").port())) {
                assertThat(alice.send("before").read()).isEqualTo("before");

                redis.kill();
                await().atMost(TIMEOUT).until(() -> !gateway.isDiscoveryConnected() && !worker.isDiscoveryConnected());
                // Clients, gateways and workers go on as before while Redis is away.
                assertThat(alice.send("during").read()).isEqualTo("during");
                assertThat(worker.connectedGateways()).containsExactlyElementsOf(gateway.addresses());
                assertThat(gateway.listener("text").clients()).isEqualTo(1);

                redis.start();
                await().atMost(TIMEOUT).until(() -> ((List<?>) redis.command("ZRANGE", "test5:{gateways}", "0", "-1"))
                        .equals(gateway.addresses()));
                await().atMost(TIMEOUT).until(() -> gateway.isDiscoveryConnected() && worker.isDiscoveryConnected());
                assertThat(alice.send("after").read()).isEqualTo("after");
                assertThat(alice.closedWithin(100)).isFalse();
            }
        }
    }

    private GatewayServer gateway(ClusterConnectionOptions cluster, RedisDiscovery discovery) {
        // Each its own in-JVM table: the worker reaches them over TCP, as it would in other processes.
        return new GatewayServer(GatewayOptions.builder()
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                .startPort(0).cluster(cluster).build(), loops.borrowed(), new InJvmGateways(), discovery);
    }

    @Test
    void aGatewayThatDiesIsForgottenOnceItsAnnouncementExpires() {
        RedisConnections dying = connect(redis);
        RedisDiscovery announcing = RedisDiscovery.builder(dying).keys(new RedisKeys("test2"))
                .expiry(Duration.ofMillis(1500)).refreshInterval(Duration.ofMillis(300)).build();
        RedisDiscovery watching = RedisDiscovery.builder(connections).keys(new RedisKeys("test2"))
                .pollInterval(Duration.ofMillis(100)).build();
        List<Set<String>> lists = new CopyOnWriteArrayList<>();
        DiscoveryConnection announcement = announcing.announce(List.of("10.0.0.1:2900"), loops.borrowed());
        try (GatewayWatch watch = watching.watch(loops.borrowed(), lists::add)) {
            await().atMost(TIMEOUT).until(() -> watch.gatewayAddresses().equals(Set.of("10.0.0.1:2900")));
            // The process vanishes: no refresh, no withdrawal.
            dying.close();
            long gone = System.nanoTime();
            await().atMost(TIMEOUT).until(() -> watch.gatewayAddresses().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - gone)).isLessThan(Duration.ofMillis(1500 + 1000));
            assertThat(lists).containsExactly(Set.of("10.0.0.1:2900"), Set.of());
        } finally {
            announcement.close();
        }
    }

    @Test
    void whenRedisRestartsTheListStaysAndTheAnnouncementIsBackWithinFiveSecondsLoggedOnce() {
        ListAppender<ILoggingEvent> logs = capture(RedisAnnouncement.class);
        RedisKeys keys = new RedisKeys("test3");
        RedisDiscovery discovery = RedisDiscovery.builder(connections).keys(keys).build();
        List<Set<String>> lists = new CopyOnWriteArrayList<>();
        RedisAnnouncement announcement = new RedisAnnouncement(connections, keys, List.of("10.0.0.1:2900",
                "10.0.0.1:2901"), RedisDiscovery.DEFAULT_EXPIRY, Duration.ofMillis(200), loops.group().next());
        announcement.start();
        try (GatewayWatch watch = discovery.watch(loops.borrowed(), lists::add)) {
            await().atMost(TIMEOUT).until(() -> watch.gatewayAddresses().size() == 2);
            assertThat(announcement.isConnected()).isTrue();

            redis.stop();
            await().atMost(TIMEOUT).until(() -> !announcement.isConnected() && !watch.isConnected());
            // Several refreshes fail while Redis is away; each is counted, only the first is logged.
            await().atMost(TIMEOUT).until(() -> announcement.failedRefreshes() >= 5);
            redis.start();
            long back = System.nanoTime();
            await().atMost(TIMEOUT).until(() -> ((List<?>) redis.command("ZRANGE", "test3:{gateways}", "0", "-1"))
                    .size() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(TIMEOUT);
            await().atMost(TIMEOUT).until(() -> announcement.isConnected() && watch.isConnected());

            // The watch never lost the gateways: nobody was disconnected or left out of a broadcast.
            assertThat(lists).containsExactly(Set.of("10.0.0.1:2900", "10.0.0.1:2901"));
            assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                    .singleElement().asString().contains("unreachable").contains("gateway announcement paused");
            assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().contains("is back")))
                    .hasSize(1);
        } finally {
            announcement.close();
            detach(RedisAnnouncement.class, logs);
        }
    }

    @Test
    void awaitingTheFirstListWhileRedisIsAwaySaysWhy() {
        RedisDiscovery discovery = RedisDiscovery.builder(connections).keys(new RedisKeys("test4")).build();
        redis.stop();
        try (GatewayWatch watch = discovery.watch(loops.borrowed(), list -> { })) {
            assertThatThrownBy(() -> watch.awaitAddresses(Duration.ofMillis(500)))
                    .isInstanceOf(DiscoveryUnavailableException.class)
                    .hasMessageStartingWith("Redis 127.0.0.1:" + redis.port() + " gave no gateway list within 500 ms");
        }
    }

    @Test
    void settingsThatWouldDropLiveGatewaysAreRefused() {
        assertThatThrownBy(() -> RedisDiscovery.builder(connections).expiry(Duration.ofSeconds(5))
                .refreshInterval(Duration.ofSeconds(2)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least three refresh intervals");
        assertThatThrownBy(() -> new RedisKeys("")).hasMessageContaining("prefix is empty");
        assertThatThrownBy(() -> new RedisKeys("a b")).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> new RedisKeys("{tag}")).hasMessageContaining("may only contain");
        assertThat(RedisDiscovery.builder(connections).build().expiry()).isEqualTo(Duration.ofSeconds(10));
    }

    @Nested
    class OnARedisCluster {

        @RegisterExtension
        static final RedisServerExtension cluster = RedisServerExtension.cluster();

        @Test
        void bothKeysOfAScriptShareASlotSoAnnounceListAndWithdrawWork() {
            List<RedisURI> nodes = cluster.nodes().stream().map(n -> RedisURI.create(n.host(), n.port())).toList();
            try (RedisConnections clustered = RedisConnections.cluster(nodes, TIMEOUT)) {
                RedisDiscovery discovery = RedisDiscovery.builder(clustered).pollInterval(Duration.ofMillis(100))
                        .build();
                List<Set<String>> lists = new CopyOnWriteArrayList<>();
                try (GatewayWatch watch = discovery.watch(loops.borrowed(), lists::add)) {
                    DiscoveryConnection announcement = discovery.announce(List.of("10.0.0.2:2900"), loops.borrowed());
                    await().atMost(TIMEOUT).until(() -> watch.gatewayAddresses().equals(Set.of("10.0.0.2:2900")));
                    assertThat(announcement.isConnected()).isTrue();
                    announcement.close();
                    await().atMost(TIMEOUT).until(() -> watch.gatewayAddresses().isEmpty());
                }
                assertThat(lists).containsExactly(Set.of("10.0.0.2:2900"), Set.of());
            }
        }
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static void detach(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
