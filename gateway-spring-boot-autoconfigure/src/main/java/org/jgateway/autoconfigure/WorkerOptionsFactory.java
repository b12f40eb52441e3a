package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.util.List;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.worker.WorkerOptions;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Maps the {@code gateway.worker.*} properties and customizers onto {@link WorkerOptions}. The builder checks the
 * values; a value it refuses fails the startup naming its property.
 */
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
        map.from(worker::getName).to(naming("gateway.worker.name", builder::name));
        map.from(worker::getConcurrency).to(naming("gateway.worker.concurrency", builder::concurrency));
        map.from(worker::isVirtualThreads).to(builder::virtualThreads);
        map.from(worker::isRunOnEventLoop).to(builder::runOnEventLoop);
        map.from(worker::getMaxPendingEvents).to(naming("gateway.worker.max-pending-events", builder::maxPendingEvents));
        map.from(worker::getStopTimeout).to(naming("gateway.worker.stop-timeout", builder::stopTimeout));
        map.from(worker::getDelivery).to(naming("gateway.worker.delivery", builder::delivery));
        map.from(worker::isInJvmGateways).to(builder::inJvmGateways);
        customizers.forEach(customizer -> customizer.customize(builder));
        // Where handlers run is the one choice the whole options check.
        return naming("gateway.worker.run-on-event-loop", worker.isRunOnEventLoop(), builder::build);
    }
}
