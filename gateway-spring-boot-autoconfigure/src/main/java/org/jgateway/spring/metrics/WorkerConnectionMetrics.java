package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.jgateway.worker.BusinessWorker;

/**
 * Connection gauges of a {@link BusinessWorker}: {@code gateway.worker.gateways} (tags {@code worker} and
 * {@code state} = connected | known: gateways connected to, gateways the registers listed) and
 * {@code gateway.registers.connected} and {@code gateway.discovery.connected} (1 while it reads the gateway list from a
 * register or, with the redis engine, Redis) with tag {@code role} = worker.
 */
public class WorkerConnectionMetrics implements MeterBinder {

    private final BusinessWorker worker;

    public WorkerConnectionMetrics(BusinessWorker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = worker.options().name();
        Gauge.builder("gateway.worker.gateways", worker, w -> w.connectedGateways().size())
                .tags("worker", name, "state", "connected")
                .description("Gateways the worker is connected to, and gateways the registers listed")
                .register(registry);
        Gauge.builder("gateway.worker.gateways", worker, w -> w.knownGateways().size())
                .tags("worker", name, "state", "known")
                .description("Gateways the worker is connected to, and gateways the registers listed")
                .register(registry);
        Gauge.builder("gateway.registers.connected", worker, BusinessWorker::connectedRegisters)
                .tag("role", "worker")
                .description("Registers this role is connected to")
                .register(registry);
        Gauge.builder("gateway.discovery.connected", worker, w -> w.isDiscoveryConnected() ? 1 : 0)
                .tag("role", "worker")
                .description("Whether this role reaches where gateways are announced (a register, or Redis)")
                .register(registry);
        FunctionCounter.builder(GatewayConnectionMetrics.STALLED, worker, w -> w.stats().gatewaysStalled())
                .tags("role", "worker", "peer", "gateway")
                .description(GatewayConnectionMetrics.STALLED_DESCRIPTION)
                .register(registry);
        FunctionCounter.builder(GatewayConnectionMetrics.STALLED, worker, BusinessWorker::stalledRegisters)
                .tags("role", "worker", "peer", "register")
                .description(GatewayConnectionMetrics.STALLED_DESCRIPTION)
                .register(registry);
    }
}
