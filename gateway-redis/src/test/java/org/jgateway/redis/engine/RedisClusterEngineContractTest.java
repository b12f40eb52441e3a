package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterEngineContract;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redis engine on a 3-master Redis Cluster: the engine's keys share one hash tag, so its script runs on the node
 * serving that slot, and routing and presence work as on one server.
 */
class RedisClusterEngineContractTest extends ClusterEngineContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.cluster();

    private static final AtomicInteger TESTS = new AtomicInteger();

    private final RedisEngineOptions options = RedisEngineOptions.builder().prefix("cluster" + TESTS.incrementAndGet())
            .build();
    private final RedisConnections senderConnection = RedisConnections.cluster(nodes(), Duration.ofSeconds(1));
    private final RedisConnections gatewayConnection = RedisConnections.cluster(nodes(), Duration.ofSeconds(1));
    private final RedisIndexSync sync = new RedisIndexSync(gatewayConnection, options);

    private static List<RedisURI> nodes() {
        return redis.addresses().stream().map(address -> RedisURI.create("redis://" + address)).toList();
    }

    @Override
    protected ClusterBroker newBroker() {
        return new RedisBroker(senderConnection, options);
    }

    @Override
    protected LocalIndexSync indexSync() {
        return sync;
    }

    @Override
    protected boolean routes() {
        return true;
    }

    @Override
    protected void awaitEngineReady() {
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.stats().announcedGateways() == 3);
    }

    @Override
    protected void closeEngine() {
        sync.close();
        senderConnection.close();
        gatewayConnection.close();
    }

    @Test
    void theEngineKeepsEveryKeyOfOneClusterOnTheNodeOfItsHashTag() {
        api.joinGroup(connectedClientId(), "room");
        String tag = options.prefix() + ":{engine}:";
        long slot = (Long) redis.command("CLUSTER", "KEYSLOT", tag + "indexed");
        assertThat((Long) redis.command("CLUSTER", "KEYSLOT", tag + "grp:room")).isEqualTo(slot);
        List<Long> keysPerNode = redis.nodes().stream()
                .map(node -> (Long) node.command("CLUSTER", "COUNTKEYSINSLOT", Long.toString(slot))).toList();
        // Only the node serving the slot holds the engine's keys: gateways, gw:<the client's gateway>, c:<client>,
        // cg:<client>, grp:room, groups, grpgw:room.
        assertThat(keysPerNode.stream().filter(count -> count > 0)).containsExactly(7L);
        assertThat(api.getClientIdCountByGroup("room")).isEqualTo(1);
    }

    private String connectedClientId() {
        return connect(0).id();
    }
}
