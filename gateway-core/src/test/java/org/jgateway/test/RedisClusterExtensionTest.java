package org.jgateway.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterExtensionTest {

    @RegisterExtension
    static final RedisServerExtension cluster = RedisServerExtension.cluster().withPassword("s3cret");

    @Test
    void threeMastersServeEverySlot() {
        assertThat(cluster.isCluster()).isTrue();
        assertThat(cluster.nodes()).hasSize(3);
        assertThat(cluster.addresses()).doesNotHaveDuplicates().allMatch(a -> a.startsWith("127.0.0.1:"));
        for (RedisProcess node : cluster.nodes()) {
            String info = (String) node.command("CLUSTER", "INFO");
            assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:3",
                    "cluster_size:3");
        }
    }

    @Test
    void aKeyLivesOnTheNodeOwningItsSlotAndOthersRedirect() {
        long slot = (Long) cluster.command("CLUSTER", "KEYSLOT", "jgateway:probe");
        RedisProcess owner = null;
        for (RedisProcess node : cluster.nodes()) {
            try {
                assertThat(node.command("SET", "jgateway:probe", "x")).isEqualTo("OK");
                owner = node;
            } catch (RedisProcess.RedisErrorReply e) {
                assertThat(e).hasMessageStartingWith("MOVED " + slot + " ");
            }
        }
        assertThat(owner).isNotNull();
        RedisProcess found = owner;
        assertThat(cluster.nodes().stream().filter(n -> n != found).toList()).allSatisfy(
                n -> assertThatThrownBy(() -> n.command("GET", "jgateway:probe")).hasMessageStartingWith("MOVED"));
    }

    @Test
    void aRestartedClusterRejoinsWithItsSlots() {
        List<Long> pids = cluster.nodes().stream().map(RedisProcess::pid).toList();
        cluster.restart();
        assertThat(cluster.nodes().stream().map(RedisProcess::pid).toList()).doesNotContainAnyElementsOf(pids);
        for (RedisProcess node : cluster.nodes()) {
            assertThat((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok",
                    "cluster_slots_assigned:16384");
        }
    }

    @Test
    void oneNodeCanBeKilledAndStartedAgain() {
        RedisProcess node = cluster.nodes().get(1);
        node.kill();
        assertThat(node.isRunning()).isFalse();
        cluster.start();
        assertThat(node.isRunning()).isTrue();
        assertThat((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok");
    }
}
