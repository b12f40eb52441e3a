package org.jgateway.autoconfigure;

import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.context.LazyGatewayClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link GatewayTemplate}: through the business worker in a process with the worker role, else through a
 * {@link GatewayClient} created on first use.
 */
@AutoConfiguration(after = GatewayWorkerAutoConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayTemplateAutoConfiguration {

    /**
     * Resolves the worker on first use: event handlers inject the template, and the worker needs the handlers, so
     * taking the worker here would be a dependency cycle.
     */
    @Bean
    @ConditionalOnMissingBean
    GatewayTemplate gatewayTemplate(ObjectProvider<BusinessWorker> worker, ObjectProvider<LazyGatewayClient> client) {
        // The worker's API is fixed once resolved; a client is asked on every call, so that its "closed" check
        // answers calls made while the application shuts down.
        SingletonSupplier<BusinessWorker> businessWorker = SingletonSupplier.of(worker::getIfUnique);
        return new GatewayTemplate(() -> {
            BusinessWorker w = businessWorker.get();
            return w != null ? w.api() : client.getObject().get();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(BusinessWorker.class)
    static class GatewayClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LazyGatewayClient gatewayClient(ClusterConnectionOptions cluster, GatewayDiscovery discovery,
                GatewayApiOptions api, EventLoopResources eventLoops,
                ObjectProvider<GatewayClientBuilderCustomizer> customizers) {
            return new LazyGatewayClient(() -> {
                GatewayClient.Builder builder = GatewayClient.builder().cluster(cluster).discovery(discovery).api(api)
                        .eventLoopResources(eventLoops);
                customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
                return builder.build();
            });
        }
    }
}
