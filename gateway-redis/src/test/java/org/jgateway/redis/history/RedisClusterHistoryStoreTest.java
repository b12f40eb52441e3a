package org.jgateway.redis.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Streams history on a 3-master Redis Cluster: a stream's keys share one hash tag, so its script runs on one
 * node, and different streams spread over the nodes.
 */
class RedisClusterHistoryStoreTest extends RedisHistoryStoreContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.cluster();

    @Override
    protected RedisConnections connect() {
        return RedisConnections.cluster(
                redis.addresses().stream().map(address -> RedisURI.create("redis://" + address)).toList(),
                Duration.ofSeconds(1));
    }

    @Test
    void aStreamLivesInOneSlotAndStreamsSpreadOverTheNodes() {
        RedisHistoryStore store = createStore(HistoryOptions.builder().group(HistoryPolicy.of("*")).build());
        for (int i = 0; i < 30; i++) {
            HistoryStream room = HistoryStream.group("room-" + i);
            store.append(room, p -> new byte[] {1}, (p, body) -> { });
            String[] keys = store.keys(room);
            assertThat(redis.command("CLUSTER", "KEYSLOT", keys[1])).isEqualTo(redis.command("CLUSTER", "KEYSLOT",
                    keys[0]));
        }
        List<Integer> keysPerNode = redis.nodes().stream()
                .map(node -> ((List<?>) node.command("KEYS", keys.prefix() + ":*")).size()).toList();
        assertThat(keysPerNode.stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
        assertThat(keysPerNode).allSatisfy(count -> assertThat(count).isPositive());
    }
}
