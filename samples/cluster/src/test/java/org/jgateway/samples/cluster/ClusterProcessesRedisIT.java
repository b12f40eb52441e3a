package org.jgateway.samples.cluster;

import java.util.HashMap;
import java.util.Map;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ClusterProcessesIT} with the sample's {@code redis} profile, as {@code run-cluster.sh --engine redis} runs
 * it: a real redis-server, a master with the gateway only (no register runs anywhere, so the workers can only find
 * it in Redis), and the same clients, workers leaving and coming back.
 */
class ClusterProcessesRedisIT extends ClusterProcessesIT {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @Override
    NodeProcess startMaster(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        return start("master", env, "--spring.profiles.active=master,redis");
    }

    @Override
    String expectedMasterRoles() {
        return "gateway";
    }

    @Override
    NodeProcess startWorker(String name) {
        return start(name, Map.of("REDIS_PORT", Integer.toString(redis.port()), "WORKER_NAME", name),
                "--spring.profiles.active=worker,redis");
    }
}
