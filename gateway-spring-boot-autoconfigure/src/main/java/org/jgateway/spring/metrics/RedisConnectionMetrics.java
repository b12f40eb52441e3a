package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.jgateway.redis.RedisConnections;

/**
 * The redis engine's connection: {@code gateway.redis.connected} (gauge, 1 while the command connection to Redis is
 * up, 0 while Lettuce reconnects).
 */
public class RedisConnectionMetrics implements MeterBinder {

    private final RedisConnections redis;

    public RedisConnectionMetrics(RedisConnections redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.redis.connected", redis, r -> r.isConnected() ? 1 : 0)
                .description("Whether the connection to Redis is up (1) or being re-established (0)")
                .register(registry);
    }
}
