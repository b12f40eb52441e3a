package org.jgateway.autoconfigure.redis;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import org.jgateway.autoconfigure.ConditionalOnGatewayRole;
import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayOptionsCustomizer;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayRole;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.engine.RedisBroker;
import org.jgateway.redis.engine.RedisEngineOptions;
import org.jgateway.redis.engine.RedisIndexSync;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Routed delivery and presence of the redis engine ({@code gateway.cluster.engine=redis}), on the connection of
 * {@link GatewayRedisAutoConfiguration}: the Gateway API's {@link RedisBroker} (workers and {@code GatewayTemplate})
 * and, in a process with the gateway role, the {@link RedisIndexSync} its listeners keep their clients, uids and groups
 * in Redis with. Runs before {@link GatewayAutoConfiguration}, whose Gateway API options and gateway then use them.
 */
@AutoConfiguration(after = GatewayRedisAutoConfiguration.class, before = GatewayAutoConfiguration.class)
@ConditionalOnClass(RedisBroker.class)
@ConditionalOnProperty(name = "gateway.cluster.engine", havingValue = "redis")
@ConditionalOnBean(RedisConnections.class)
public final class GatewayRedisEngineAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisEngineOptions gatewayRedisEngineOptions(GatewayProperties properties) {
        GatewayProperties.Redis redis = properties.getCluster().getRedis();
        RedisEngineOptions.Builder builder = RedisEngineOptions.builder();
        naming("gateway.cluster.redis.prefix", builder::prefix).accept(redis.getPrefix());
        naming("gateway.cluster.redis.presence-ttl", builder::presenceTtl).accept(redis.getPresenceTtl());
        naming("gateway.cluster.redis.command-timeout", builder::commandTimeout).accept(redis.getCommandTimeout());
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(ClusterBroker.class)
    RedisBroker gatewayRedisBroker(RedisConnections redis, RedisEngineOptions options) {
        return new RedisBroker(redis, options);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(LocalIndexSync.class)
    @ConditionalOnGatewayRole(GatewayRole.GATEWAY)
    RedisIndexSync gatewayRedisIndexSync(RedisConnections redis, RedisEngineOptions options) {
        return new RedisIndexSync(redis, options);
    }

    @Bean
    @ConditionalOnGatewayRole(GatewayRole.GATEWAY)
    GatewayOptionsCustomizer gatewayRedisIndexCustomizer(ObjectProvider<LocalIndexSync> indexSync) {
        return builder -> indexSync.ifUnique(builder::indexSync);
    }
}
