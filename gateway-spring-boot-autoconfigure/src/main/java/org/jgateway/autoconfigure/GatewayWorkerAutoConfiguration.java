package org.jgateway.autoconfigure;

import org.jgateway.client.GatewayApiOptions;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.context.BusinessWorkerLifecycle;
import org.jgateway.spring.context.UnhandledEvents;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.GatewayLinks;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The worker role ({@code gateway.machine-type} includes {@code worker}): a business worker running the
 * application's {@link WorkerEventHandler} bean.
 * <p>
 * The worker's {@link GatewayLinks} are a bean of their own, made before the handler: the {@code GatewayTemplate}
 * goes through them, so a handler that injects the template does not depend on the worker that depends on it.
 */
@AutoConfiguration(after = { GatewayAutoConfiguration.class, GatewayRegisterAutoConfiguration.class,
        GatewayServerAutoConfiguration.class })
@ConditionalOnGatewayRole(GatewayRole.WORKER)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayWorkerAutoConfiguration {

    /** Closed with the worker, by its lifecycle. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean({ GatewayLinks.class, BusinessWorker.class })
    GatewayLinks gatewayWorkerLinks(GatewayProperties properties, ClusterConnectionOptions cluster,
            GatewayApiOptions api, EventLoopResources eventLoops, InJvmGateways inJvmGateways,
            ObjectProvider<WorkerOptionsCustomizer> customizers) {
        WorkerOptionsFactory options = new WorkerOptionsFactory(properties.getWorker(), cluster, api,
                customizers.orderedStream().toList());
        return new GatewayLinks(options.create(), eventLoops.borrowed(), inJvmGateways);
    }

    /** Closed by its lifecycle, which also covers a context that fails to start. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    BusinessWorker gatewayBusinessWorker(GatewayLinks links, ObjectProvider<WorkerEventHandler> handler,
            GatewayDiscovery discovery) {
        return new BusinessWorker(links, handler.getIfAvailable(UnhandledEvents::new), discovery);
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessWorkerLifecycle gatewayBusinessWorkerLifecycle(BusinessWorker worker) {
        return new BusinessWorkerLifecycle(worker);
    }
}
