package org.jgateway.autoconfigure;

import java.util.List;
import org.jgateway.worker.WorkerOptions;

/** Maps the {@code gateway.*} properties and customizers onto {@link WorkerOptions}. */
final class WorkerOptionsFactory {

    private final GatewayProperties properties;
    private final RegisterAddresses registers;
    private final List<WorkerOptionsCustomizer> customizers;

    WorkerOptionsFactory(GatewayProperties properties, RegisterAddresses registers,
            List<WorkerOptionsCustomizer> customizers) {
        this.properties = properties;
        this.registers = registers;
        this.customizers = customizers;
    }

    WorkerOptions create() {
        GatewayProperties.Worker worker = properties.getWorker();
        WorkerOptions.Builder builder = WorkerOptions.builder()
                .name(worker.getName())
                .registerAddresses(registers.addresses())
                .secretKey(properties.getSecretKey())
                .virtualThreads(worker.isVirtualThreads())
                .runOnEventLoop(worker.isRunOnEventLoop())
                .maxPendingEvents(worker.getMaxPendingEvents())
                .stopTimeout(worker.getStopTimeout())
                .inJvmGateways(worker.isInJvmGateways())
                .connectTimeout(properties.getClient().getConnectTimeout())
                .queryTimeout(properties.getClient().getQueryTimeout());
        if (worker.getConcurrency() != null) {
            builder.concurrency(worker.getConcurrency());
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
