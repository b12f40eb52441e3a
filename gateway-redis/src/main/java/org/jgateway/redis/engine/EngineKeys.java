package org.jgateway.redis.engine;

import org.jgateway.redis.RedisKeys;

/**
 * The engine's keys all start with {@code <prefix>:{engine}:}: under the cluster's prefix like every JGateway key (an
 * ACL key pattern {@code ~<prefix>:*} covers them), and with the Redis Cluster hash tag {@code {engine}}, so every key
 * of the engine lands in one slot and its script may touch them together on Redis Cluster.
 */
final class EngineKeys {

    private EngineKeys() {
    }

    /** {@code <prefix>:{engine}:}, for a prefix {@link RedisKeys} accepts. */
    static String tag(String prefix) {
        return new RedisKeys(prefix).prefix() + ":{engine}:";
    }
}
