package org.jgateway.autoconfigure.redis;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.HistoryStoreFactory;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryStore;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.redis.history.RedisHistoryStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * History in Redis Streams: with the redis engine ({@code gateway.cluster.engine=redis}) unless
 * {@code gateway.history.store=memory}, and with the register engine when {@code gateway.history.store=redis}. One
 * {@link RedisHistoryStore} on the Redis of {@code spring.data.redis.*}, shared by the gateway and the Gateway API of
 * this process, and through Redis by every process of the cluster. Runs before {@link GatewayAutoConfiguration}, whose
 * memory store then backs off.
 */
@AutoConfiguration(after = GatewayRedisAutoConfiguration.class, before = GatewayAutoConfiguration.class)
@ConditionalOnClass(RedisHistoryStore.class)
@Conditional(GatewayRedisHistoryAutoConfiguration.OnRedisHistory.class)
@ConditionalOnBean(RedisConnections.class)
public final class GatewayRedisHistoryAutoConfiguration {

    /** None without history patterns: sends go out exactly as without history, and no second connection opens. */
    @Bean
    @ConditionalOnMissingBean
    HistoryStore gatewayRedisHistoryStore(RedisConnections redis, GatewayProperties properties) {
        HistoryOptions options = HistoryStoreFactory.options(properties.getHistory());
        if (!options.isEnabled()) {
            return HistoryStore.none();
        }
        String prefix = properties.getCluster().getRedis().getPrefix();
        return new RedisHistoryStore(redis, naming("gateway.cluster.redis.prefix", prefix, () -> new RedisKeys(prefix)),
                options);
    }

    /** {@code gateway.history.store=redis}, or unset with the redis engine (the store follows the engine). */
    static final class OnRedisHistory extends AnyNestedCondition {

        OnRedisHistory() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "gateway.history.store", havingValue = "redis")
        static final class Chosen {
        }

        @ConditionalOnProperty(name = "gateway.cluster.engine", havingValue = "redis")
        @ConditionalOnProperty(name = "gateway.history.store", havingValue = "redis", matchIfMissing = true)
        static final class FollowsTheRedisEngine {
        }
    }
}
