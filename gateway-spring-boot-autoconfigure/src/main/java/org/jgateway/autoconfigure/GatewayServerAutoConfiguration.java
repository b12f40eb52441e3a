package org.jgateway.autoconfigure;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.transport.EventLoopResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The gateway role ({@code gateway.machine-type} includes {@code gateway}). */
@AutoConfiguration(after = { GatewayAutoConfiguration.class, GatewayRegisterAutoConfiguration.class,
        SslAutoConfiguration.class })
@ConditionalOnGatewayRole(GatewayRole.GATEWAY)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayServerAutoConfiguration {

    /** Closed by its lifecycle, which also covers a context that fails to start. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    GatewayServer gatewayServer(GatewayProperties properties, RegisterAddresses registers,
            EventLoopResources eventLoops, InJvmGateways inJvmGateways, ObjectProvider<WorkerRouter> router, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<ListenerOptionsCustomizer> listenerCustomizers,
            ObjectProvider<GatewayOptionsCustomizer> customizers) {
        GatewayOptionsFactory options = new GatewayOptionsFactory(properties, registers, router.getIfUnique(),
                sslBundles.getIfAvailable(), listenerCustomizers.orderedStream().toList(),
                customizers.orderedStream().toList());
        return new GatewayServer(options.create(), eventLoops.borrowed(), inJvmGateways);
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayServerLifecycle gatewayServerLifecycle(GatewayServer gateway, Environment environment,
            GatewayProperties properties) {
        return new GatewayServerLifecycle(gateway, environment, properties.getShutdownMessage(),
                properties.getShutdownTimeout());
    }
}
