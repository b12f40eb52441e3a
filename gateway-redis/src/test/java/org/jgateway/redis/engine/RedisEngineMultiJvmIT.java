package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.redis.RedisConnections;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three gateway JVMs and two worker JVMs on the redis engine, a register and a {@link GatewayClient} in this JVM, a
 * real redis-server: routed uid and group pushes, presence from Redis, a gateway killed with SIGKILL (its presence
 * expires within the documented 15 s), Redis away for 8 s and restarted (pushes keep arriving, the state is rebuilt
 * within 5 s).
 */
class RedisEngineMultiJvmIT {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final String PREFIX = "multijvm";

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Test
    void routedPushesPresenceGatewayKillAndRedisRestart() {
        EventLoopResources loops = opened(EventLoopResources.create(1, "multijvm"));
        RegisterServer register = opened(new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(),
                loops.borrowed()));
        register.start();
        String[] nodeArgs = {Integer.toString(register.port()), Integer.toString(redis.port()), PREFIX,
                Long.toString(RedisEngineOptions.DEFAULT_PRESENCE_TTL.toMillis())};
        List<EngineNode> gateways = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gateways.add(opened(EngineNode.start("gateway" + i, args("gateway", nodeArgs))));
        }
        for (int i = 0; i < 2; i++) {
            opened(EngineNode.start("worker" + i, args("worker", nodeArgs)));
        }
        RedisClient lettuce = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        open.add(lettuce::shutdown);
        RedisConnections connection = opened(RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                Duration.ofSeconds(1)));
        RedisCommands<String, String> inspect = opened(lettuce.connect()).sync();
        RedisBroker broker = new RedisBroker(connection,
                RedisEngineOptions.builder().prefix(PREFIX).build());
        GatewayClient api = opened(GatewayClient.builder()
                .cluster(ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + register.port()).build())
                .api(GatewayApiOptions.builder().broker(broker).build()).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.pool().gatewayAddresses().size() == 3
                && inspect.zcard(PREFIX + ":{engine}:indexed") == 3);

        // Two clients per gateway; client i has uid u<i>, the even ones are in group "even".
        List<TextClient> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TextClient client = opened(new TextClient("127.0.0.1", Integer.parseInt(gateways.get(i / 2).ready()[0])));
            clients.add(client);
            ids.add(client.read());
            client.send("bind u" + i);
            assertThat(client.read()).isEqualTo("ok u" + i);
            if (i % 2 == 0) {
                client.send("join even");
                assertThat(client.read()).isEqualTo("ok even");
            }
        }

        assertThat(api.getAllClientIdCount()).isEqualTo(6);
        assertThat(api.getAllUidCount()).isEqualTo(6);
        assertThat(api.getClientIdCountByGroup("even")).isEqualTo(3);
        assertThat(api.getClientIdByUid("u3")).containsExactly(ids.get(3));
        assertThat(broker.stats().presenceFallbacks()).isZero();

        api.sendToUid("u3", "to three");
        assertThat(clients.get(3).read()).isEqualTo("to three");
        api.sendToGroup("even", "to evens");
        for (int i = 0; i < 6; i += 2) {
            assertThat(clients.get(i).read()).isEqualTo("to evens");
        }
        // A worker's push, routed by the worker's own broker.
        clients.get(1).send("touid u5 from one");
        assertThat(clients.get(5).read()).isEqualTo("from one");
        for (int i = 1; i < 6; i += 2) {
            assertThat(clients.get(i).silentFor(100)).isTrue();
        }
        // u3 is on one gateway; "even" has a member on each: the group push goes to all three.
        assertThat(broker.stats().routed()).isEqualTo(1);
        assertThat(broker.stats().broadcast()).isEqualTo(1);

        // kill -9 of gateway 2 (clients 4 and 5): its presence is gone from Redis within 15 s.
        String killed = gateways.get(2).ready()[1];
        long killedAt = System.nanoTime();
        gateways.get(2).kill();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                inspect.zscore(PREFIX + ":{engine}:indexed", killed) == null
                        && !inspect.sismember(PREFIX + ":{engine}:uid:u4", ids.get(4))
                        && inspect.scard(PREFIX + ":{engine}:grp:even") == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(5)).until(() -> api.pool().gatewayAddresses().size() == 2);
        assertThat(api.getAllClientIdCount()).isEqualTo(4);
        assertThat(api.isUidOnline("u4")).isFalse();

        // Redis restarted after a long outage (no persistence: its state is lost): pushes during the outage arrive by
        // broadcast, and the gateways rebuild their state within 5 s of Redis being back.
        redis.stop();
        api.sendToUid("u0", "during the outage");
        assertThat(clients.get(0).read()).isEqualTo("during the outage");
        assertThat(api.getAllClientIdCount()).isEqualTo(4);
        assertThat(broker.stats().routingFallbacks()).isPositive();
        assertThat(broker.stats().presenceFallbacks()).isPositive();
        // A long outage: Lettuce's own back-off would by now wait about as long again before its next attempt; the
        // engine's is capped at 1 s, so the bound below holds however long Redis was away.
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> !connection.isConnected());
        api.sendToUid("u0", "late in the outage");
        assertThat(clients.get(0).read()).isEqualTo("late in the outage");
        redis.start();
        long restartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                inspect.zcard(PREFIX + ":{engine}:indexed") == 2 && inspect.scard(PREFIX + ":{engine}:grp:even") == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(5));
        long fallbacks = broker.stats().presenceFallbacks();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> api.getAllClientIdCount() == 4 && broker.stats().presenceFallbacks() == fallbacks);
        long routed = broker.stats().routed();
        api.sendToUid("u2", "after the restart");
        assertThat(clients.get(2).read()).isEqualTo("after the restart");
        assertThat(broker.stats().routed()).isEqualTo(routed + 1);
        api.sendToGroup("even", "to both");
        assertThat(clients.get(0).read()).isEqualTo("to both");
        assertThat(clients.get(2).read()).isEqualTo("to both");
    }

    private static String[] args(String role, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = role;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
