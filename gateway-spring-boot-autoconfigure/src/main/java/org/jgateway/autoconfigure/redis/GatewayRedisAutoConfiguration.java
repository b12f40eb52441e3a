package org.jgateway.autoconfigure.redis;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.time.Duration;
import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayRole;
import org.jgateway.autoconfigure.InvalidGatewayPropertyException;
import org.jgateway.autoconfigure.MachineType;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.spring.actuate.ClusterEngineStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ClusterStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * JGateway's Redis: the Lettuce connection from Boot's {@code spring.data.redis.*} connection details, made when the
 * redis cluster engine ({@code gateway.cluster.engine=redis}) or history in Redis ({@code gateway.history.store=redis},
 * also with the register engine) needs it; with the redis engine also gateway discovery through Redis instead of the
 * registers. Runs before {@link GatewayAutoConfiguration}, whose register discovery then backs off.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class, before = GatewayAutoConfiguration.class)
@ConditionalOnClass({ RedisConnections.class, DataRedisConnectionDetails.class })
@Conditional(GatewayRedisAutoConfiguration.OnRedisUsed.class)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayRedisAutoConfiguration {

    /**
     * A gateway refreshes its announcement five times per {@code gateway.cluster.redis.presence-ttl} (every 2 s by
     * default), so a live gateway stays listed through a few slow or lost refreshes.
     */
    static final int ANNOUNCEMENTS_PER_TTL = 5;

    /**
     * Connected at startup: a wrong address or password stops the application here, naming the property (the engine
     * when it is redis, else the history store that asked for Redis).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RedisConnections gatewayRedisConnections(ObjectProvider<DataRedisConnectionDetails> details,
            ObjectProvider<DataRedisProperties> properties, GatewayProperties gateway) {
        DataRedisConnectionDetails connection = details.getIfAvailable();
        if (connection == null) {
            boolean engine = gateway.getCluster().getEngine() == GatewayProperties.Engine.REDIS;
            throw new InvalidGatewayPropertyException(engine ? "gateway.cluster.engine" : "gateway.history.store",
                    "redis", "there is no Redis connection: Spring Boot's Redis auto-configuration "
                            + "(spring.data.redis.*) is excluded or has no connection details",
                    "keep DataRedisAutoConfiguration and configure spring.data.redis.*, or set it to "
                            + (engine ? "register" : "memory"));
        }
        return DataRedisConnections.connect(connection, properties.getIfAvailable());
    }

    /** The redis engine's discovery and status; with the register engine, Redis keeps only history. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gateway.cluster.engine", havingValue = "redis")
    static class RedisEngineDiscoveryConfiguration {

        /**
         * Gateways announce themselves in Redis; with registers configured ({@code gateway.register-address}, or a
         * register role in this process) also to them, so PHP BusinessWorkers and GatewayClients of a mixed cluster
         * find them.
         */
        @Bean
        @ConditionalOnMissingBean(GatewayDiscovery.class)
        RedisDiscovery gatewayRedisDiscovery(RedisConnections redis, GatewayProperties properties,
                MachineType machineType, ClusterConnectionOptions cluster) {
            String prefix = properties.getCluster().getRedis().getPrefix();
            Duration presenceTtl = properties.getCluster().getRedis().getPresenceTtl();
            RedisDiscovery.Builder builder = RedisDiscovery.builder(redis)
                    .keys(naming("gateway.cluster.redis.prefix", prefix, () -> new RedisKeys(prefix)));
            naming("gateway.cluster.redis.presence-ttl", (Duration ttl) -> builder.expiry(ttl)
                    .refreshInterval(ttl.dividedBy(ANNOUNCEMENTS_PER_TTL))).accept(presenceTtl);
            if (!properties.getRegisterAddress().isEmpty() || machineType.has(GatewayRole.REGISTER)) {
                builder.alsoAnnounceTo(new RegisterDiscovery(cluster));
            }
            return builder.build();
        }

        /** The engine and its Redis connection in {@code /actuator/gateway-status}. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
        static class RedisStatusConfiguration {

            @Bean
            @ConditionalOnMissingBean
            ClusterEngineStatus gatewayRedisEngineStatus(RedisConnections redis) {
                return () -> new ClusterStatus("redis", redis.isConnected() ? "connected" : "disconnected");
            }
        }
    }

    /** The redis engine, or history in Redis chosen explicitly (with either engine). */
    static final class OnRedisUsed extends AnyNestedCondition {

        OnRedisUsed() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "gateway.cluster.engine", havingValue = "redis")
        static final class RedisEngine {
        }

        @ConditionalOnProperty(name = "gateway.history.store", havingValue = "redis")
        static final class RedisHistory {
        }
    }
}
