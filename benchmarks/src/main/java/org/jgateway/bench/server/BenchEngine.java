package org.jgateway.bench.server;

import io.lettuce.core.RedisURI;
import org.jgateway.bench.Args;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.redis.engine.RedisBroker;
import org.jgateway.redis.engine.RedisEngineOptions;
import org.jgateway.redis.engine.RedisIndexSync;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.HostAndPort;
import org.jgateway.register.RegisterDiscovery;

/**
 * The cluster engine of one benchmark process, as {@code gateway.cluster.engine} chooses it in the starter:
 * {@code --engine register} (default: gateways announce to the registers, every push goes to every gateway) or
 * {@code --engine redis --redis host:port} (gateways announce themselves and keep their clients, uids and groups in
 * that Redis; senders route each push to the gateways holding its target). Closing it closes the Redis connection.
 */
final class BenchEngine implements AutoCloseable {

    private final ClusterConnectionOptions cluster;
    private final RedisConnections redis;
    private final RedisEngineOptions options = RedisEngineOptions.defaults();
    private RedisIndexSync indexSync;

    private BenchEngine(ClusterConnectionOptions cluster, RedisConnections redis) {
        this.cluster = cluster;
        this.redis = redis;
    }

    /** Reads {@code --engine register|redis} and {@code --redis host:port}; connects to Redis for the latter. */
    static BenchEngine from(Args args, ClusterConnectionOptions cluster) {
        String engine = args.string("engine", "register");
        String redisAddress = args.string("redis", null);
        switch (engine) {
            case "register" -> {
                if (redisAddress != null) {
                    throw new IllegalArgumentException("--redis needs --engine redis");
                }
                return new BenchEngine(cluster, null);
            }
            case RedisBroker.NAME -> {
                if (redisAddress == null) {
                    throw new IllegalArgumentException("--engine redis needs --redis host:port");
                }
                HostAndPort address = HostAndPort.parse(redisAddress);
                return new BenchEngine(cluster, RedisConnections.standalone(
                        RedisURI.create(address.host(), address.port()), RedisEngineOptions.DEFAULT_COMMAND_TIMEOUT));
            }
            default -> throw new IllegalArgumentException("--engine must be register or redis, got '" + engine + "'");
        }
    }

    boolean redis() {
        return redis != null;
    }

    /** Where gateways announce themselves and where workers and API clients find them. */
    GatewayDiscovery discovery() {
        return redis == null ? new RegisterDiscovery(cluster) : RedisDiscovery.builder(redis).build();
    }

    /** The Gateway API's options: the redis engine's broker routes pushes and answers presence. */
    GatewayApiOptions api() {
        return redis == null ? GatewayApiOptions.defaults()
                : GatewayApiOptions.builder().broker(new RedisBroker(redis, options)).build();
    }

    /** What a gateway keeps its clients, uids and groups in; null with the register engine (nothing to keep). */
    LocalIndexSync indexSync() {
        if (redis != null && indexSync == null) {
            indexSync = new RedisIndexSync(redis, options);
        }
        return indexSync;
    }

    @Override
    public void close() {
        if (indexSync != null) {
            indexSync.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
