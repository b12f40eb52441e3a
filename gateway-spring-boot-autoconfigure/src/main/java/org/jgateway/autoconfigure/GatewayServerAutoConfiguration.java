package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.history.HistoryStore;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.context.ClusterTls;
import org.jgateway.spring.context.GatewayDrainLifecycle;
import org.jgateway.spring.context.GatewayServerLifecycle;
import org.jgateway.transport.EventLoopResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
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
    GatewayServer gatewayServer(GatewayProperties properties, Environment environment, MachineType machineType,
            ClusterConnectionOptions cluster, GatewayDiscovery discovery, EventLoopResources eventLoops,
            InJvmGateways inJvmGateways, ObjectProvider<WorkerRouter> router, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<ClusterTls> tls,
            ObjectProvider<ListenerOptionsCustomizer> listenerCustomizers,
            ObjectProvider<GatewayOptionsCustomizer> customizers, HistoryStore history) {
        Integer localRegisterPort = machineType.has(GatewayRole.REGISTER) ? properties.getRegister().getPort() : null;
        List<GatewayOptionsCustomizer> all = new ArrayList<>();
        all.add(builder -> builder.history(history));
        // The bundle's TLS first: the application's customizers may still replace it.
        PropertyMapper.get().from(tls.getIfAvailable()).to(bundle -> all.add(gateway -> gateway
                .innerSslContextSupplier(bundle.server())
                .innerRequireClientCertificate(bundle.requireClientCertificate())));
        customizers.orderedStream().forEach(all::add);
        GatewayOptionsFactory options = new GatewayOptionsFactory(properties, environment, localRegisterPort, cluster,
                router.getIfUnique(), sslBundles.getIfAvailable(), listenerCustomizers.orderedStream().toList(), all);
        return new GatewayServer(options.create(), eventLoops.borrowed(), inJvmGateways, discovery);
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayServerLifecycle gatewayServerLifecycle(GatewayServer gateway, ApplicationEventPublisher events,
            GatewayProperties properties) {
        return new GatewayServerLifecycle(gateway, events, properties.getShutdownMessage(),
                properties.getShutdownTimeout(), properties.getShutdownDrainTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayDrainLifecycle gatewayDrainLifecycle(GatewayServer gateway, GatewayProperties properties) {
        return new GatewayDrainLifecycle(gateway, properties.getShutdownDrainTimeout());
    }
}
