package org.jgateway.autoconfigure;

import java.util.List;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.worker.WorkerOptions;
import org.springframework.boot.context.properties.PropertyMapper;

/** Maps the {@code gateway.worker.*} properties and customizers onto {@link WorkerOptions}. */
final class WorkerOptionsFactory {

    private final GatewayProperties.Worker worker;
    private final ClusterConnectionOptions cluster;
    private final GatewayApiOptions api;
    private final List<WorkerOptionsCustomizer> customizers;

    WorkerOptionsFactory(GatewayProperties.Worker worker, ClusterConnectionOptions cluster, GatewayApiOptions api,
            List<WorkerOptionsCustomizer> customizers) {
        this.worker = worker;
        this.cluster = cluster;
        this.api = api;
        this.customizers = customizers;
    }

    WorkerOptions create() {
        WorkerOptions.Builder builder = WorkerOptions.builder().cluster(cluster).api(api);
        PropertyMapper map = PropertyMapper.get();
        map.from(worker::getName).to(builder::name);
        map.from(worker::getConcurrency).to(builder::concurrency);
        map.from(worker::isVirtualThreads).to(builder::virtualThreads);
        map.from(worker::isRunOnEventLoop).to(builder::runOnEventLoop);
        map.from(worker::getMaxPendingEvents).to(builder::maxPendingEvents);
        map.from(worker::getStopTimeout).to(builder::stopTimeout);
        map.from(worker::isInJvmGateways).to(builder::inJvmGateways);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
