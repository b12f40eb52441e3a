package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redis engine on a 3-master Redis Cluster: the engine's keys share one hash tag, so its script runs on the node
 * serving that slot, and routing and presence work as on one server.
 */
class RedisClusterEngineContractTest extends RedisEngineContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.cluster();

    @Override
    protected RedisConnections connect() {
        return RedisConnections.cluster(nodes(), Duration.ofSeconds(1));
    }

    private static List<RedisURI> nodes() {
        return redis.addresses().stream().map(address -> RedisURI.create("redis://" + address)).toList();
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
