package org.jgateway.autoconfigure;

import org.jgateway.client.GatewayApiOptions;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.context.BusinessWorkerLifecycle;
import org.jgateway.spring.context.UnhandledEvents;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The worker role ({@code gateway.machine-type} includes {@code worker}): a business worker running the
 * application's {@link WorkerEventHandler} bean.
 */
@AutoConfiguration(after = { GatewayAutoConfiguration.class, GatewayRegisterAutoConfiguration.class,
        GatewayServerAutoConfiguration.class })
@ConditionalOnGatewayRole(GatewayRole.WORKER)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayWorkerAutoConfiguration {

    /** Closed by its lifecycle, which also covers a context that fails to start. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    BusinessWorker gatewayBusinessWorker(GatewayProperties properties, ClusterConnectionOptions cluster,
            GatewayDiscovery discovery, GatewayApiOptions api, EventLoopResources eventLoops, InJvmGateways inJvmGateways,
            ObjectProvider<WorkerEventHandler> handler, ObjectProvider<WorkerOptionsCustomizer> customizers) {
        WorkerOptionsFactory options = new WorkerOptionsFactory(properties.getWorker(), cluster, api,
                customizers.orderedStream().toList());
        return new BusinessWorker(options.create(), handler.getIfAvailable(UnhandledEvents::new),
                eventLoops.borrowed(), inJvmGateways, discovery);
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessWorkerLifecycle gatewayBusinessWorkerLifecycle(BusinessWorker worker) {
        return new BusinessWorkerLifecycle(worker);
    }
}
