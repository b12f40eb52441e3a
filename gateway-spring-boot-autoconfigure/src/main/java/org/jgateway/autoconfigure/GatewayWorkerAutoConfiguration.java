package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

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
    BusinessWorker gatewayBusinessWorker(GatewayProperties properties, RegisterAddresses registers,
            EventLoopResources eventLoops, InJvmGateways inJvmGateways, ObjectProvider<WorkerEventHandler> handler,
            ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<WorkerOptionsCustomizer> customizers) {
        List<WorkerOptionsCustomizer> all = new ArrayList<>();
        // Messages sent through the API come out as the application's JSON (spring.jackson.*), like return values.
        jsonMapper.ifUnique(mapper -> all.add(builder -> builder.jsonMapper(mapper)));
        customizers.orderedStream().forEach(all::add);
        WorkerOptionsFactory options = new WorkerOptionsFactory(properties, registers, all);
        return new BusinessWorker(options.create(), handler.getIfAvailable(UnhandledEvents::new),
                eventLoops.borrowed(), inJvmGateways);
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessWorkerLifecycle gatewayBusinessWorkerLifecycle(BusinessWorker worker) {
        return new BusinessWorkerLifecycle(worker);
    }
}
