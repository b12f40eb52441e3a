package org.jgateway.autoconfigure.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.jgateway.autoconfigure.InvalidGatewayPropertyException;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisUnavailableException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/**
 * Boot's Redis connection details ({@code spring.data.redis.*}, or a service connection such as a container's) turned
 * into the redis engine's {@link RedisConnections}: a single Redis, a Sentinel-managed master or a Redis Cluster,
 * decided as Boot decides (sentinel, then cluster, else standalone), over TLS as Boot connects ({@link RedisTls}). A
 * refused login or an unreachable Redis stops the application naming the property to fix, never showing the password.
 */
final class DataRedisConnections {

    /** Command timeout when {@code spring.data.redis.timeout} is not set. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private DataRedisConnections() {
    }

    static RedisConnections connect(DataRedisConnectionDetails details, DataRedisProperties properties) {
        refuseUnsupported(details);
        Duration timeout = properties != null && properties.getTimeout() != null ? properties.getTimeout()
                : DEFAULT_TIMEOUT;
        RedisTls tls = RedisTls.of(details, properties);
        DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
        DataRedisConnectionDetails.Cluster cluster = details.getCluster();
        try {
            if (sentinel != null) {
                return RedisConnections.standalone(tls.apply(sentinelUri(details, sentinel, timeout)), timeout,
                        tls.options());
            }
            if (cluster != null) {
                return RedisConnections.cluster(clusterUris(details, cluster, timeout).stream().map(tls::apply)
                        .toList(), timeout, tls.options());
            }
            return RedisConnections.standalone(tls.apply(standaloneUri(details, timeout)), timeout, tls.options());
        } catch (RedisUnavailableException e) {
            if (tls.enabled() && e.isTlsHandshake()) {
                String bundle = properties != null ? properties.getSsl().getBundle() : null;
                throw new InvalidGatewayPropertyException("spring.data.redis.ssl.bundle", bundle == null ? "(none: the "
                        + "JDK's trust store)" : bundle, e.getMessage(), "set spring.data.redis.ssl.bundle to an SSL "
                        + "bundle that trusts the Redis server's certificate (and holds a client certificate when "
                        + "Redis requires one)", e);
            }
            throw refused(e, sentinel != null ? "spring.data.redis.sentinel.nodes"
                    : cluster != null ? "spring.data.redis.cluster.nodes" : "spring.data.redis.host");
        }
    }

    private static void refuseUnsupported(DataRedisConnectionDetails details) {
        if (details.getSentinel() == null && details.getCluster() == null && details.getMasterReplica() != null) {
            throw new InvalidGatewayPropertyException("spring.data.redis.masterreplica.nodes",
                    details.getMasterReplica().getNodes(),
                    "the redis engine needs one writable Redis: a single Redis, Sentinel or Redis Cluster",
                    "configure spring.data.redis.host/port, spring.data.redis.sentinel.* or spring.data.redis.cluster.*");
        }
    }

    private static RuntimeException refused(RedisUnavailableException e, String addressProperty) {
        if (e.isAuthentication()) {
            // The value is never shown: the reason names the user and Redis's answer only.
            return new InvalidGatewayPropertyException("spring.data.redis.password", "(not shown)", e.getMessage(),
                    "set spring.data.redis.username and spring.data.redis.password to a user this Redis accepts", e);
        }
        return new InvalidGatewayPropertyException(addressProperty, e.getMessage().replaceFirst(" is unreachable.*", "")
                .replaceFirst("^Redis ", ""), e.getMessage(),
                "start Redis there, or point spring.data.redis.* at a running Redis (gateway.cluster.engine=redis "
                        + "needs it at startup)", e);
    }

    static RedisURI standaloneUri(DataRedisConnectionDetails details, Duration timeout) {
        DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder builder = RedisURI.builder().withHost(standalone.getHost()).withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase()).withTimeout(timeout);
        return authenticated(builder, details.getUsername(), details.getPassword()).build();
    }

    static RedisURI sentinelUri(DataRedisConnectionDetails details, DataRedisConnectionDetails.Sentinel sentinel,
            Duration timeout) {
        RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(sentinel.getMaster())
                .withDatabase(sentinel.getDatabase()).withTimeout(timeout);
        for (DataRedisConnectionDetails.Node node : sentinel.getNodes()) {
            RedisURI.Builder sentinelNode = RedisURI.builder().withHost(node.host()).withPort(node.port());
            builder.withSentinel(authenticated(sentinelNode, sentinel.getUsername(), sentinel.getPassword()).build());
        }
        return authenticated(builder, details.getUsername(), details.getPassword()).build();
    }

    static List<RedisURI> clusterUris(DataRedisConnectionDetails details, DataRedisConnectionDetails.Cluster cluster,
            Duration timeout) {
        return cluster.getNodes().stream().map(node -> authenticated(RedisURI.builder().withHost(node.host())
                .withPort(node.port()).withTimeout(timeout), details.getUsername(), details.getPassword()).build())
                .toList();
    }

    private static RedisURI.Builder authenticated(RedisURI.Builder builder, String username, String password) {
        if (password == null) {
            return builder;
        }
        return username == null ? builder.withPassword(password.toCharArray())
                : builder.withAuthentication(username, password.toCharArray());
    }
}
