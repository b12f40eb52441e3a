package org.jgateway.autoconfigure;

import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.context.LazyGatewayClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.GatewayLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link GatewayTemplate}: through the business worker in a process with the worker role, else through a
 * {@link GatewayClient} created on first use.
 */
@AutoConfiguration(after = GatewayWorkerAutoConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayTemplateAutoConfiguration {

    /**
     * Through the worker's gateway links (the starter's worker), else through a worker the application defined, else
     * through a client built on first use. The links exist before the handler beans that inject the template, and
     * before the worker that needs those handlers: no dependency cycle.
     */
    @Bean
    @ConditionalOnMissingBean
    GatewayTemplate gatewayTemplate(ObjectProvider<GatewayLinks> links, ObjectProvider<BusinessWorker> worker,
            ObjectProvider<LazyGatewayClient> client) {
        GatewayLinks workerLinks = links.getIfUnique();
        if (workerLinks != null) {
            return new GatewayTemplate(workerLinks.api());
        }
        BusinessWorker applicationWorker = worker.getIfUnique();
        if (applicationWorker != null) {
            return new GatewayTemplate(applicationWorker.api());
        }
        // A client is asked on every call, so that its "closed" check answers calls made while the application shuts
        // down.
        return new GatewayTemplate(() -> client.getObject().get());
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
