package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.engine.BrokerStats;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.worker.BusinessWorker;

/**
 * Where a {@link BusinessWorker}'s Gateway API sent its broadcast commands, tagged {@code worker} and {@code engine}:
 * {@code gateway.engine.commands} (counter, tag {@code route} = routed | broadcast; a fallback is also a broadcast)
 * and {@code gateway.engine.store.failures} (counter, tag {@code kind} = routing | membership | presence: calls the
 * engine's store did not answer, each covered by sending to or asking every gateway).
 */
public class EngineRoutingMetrics implements MeterBinder {

    private final BusinessWorker worker;

    public EngineRoutingMetrics(BusinessWorker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ClusterBroker broker = worker.options().api().broker();
        BrokerStats stats = broker.stats();
        String name = worker.options().name();
        commands(registry, name, broker.engine(), stats, "routed", BrokerStats::routed);
        commands(registry, name, broker.engine(), stats, "broadcast", BrokerStats::broadcast);
        failures(registry, name, broker.engine(), stats, "routing", BrokerStats::routingFallbacks);
        failures(registry, name, broker.engine(), stats, "membership", BrokerStats::membershipWriteFailures);
        failures(registry, name, broker.engine(), stats, "presence", BrokerStats::presenceFallbacks);
    }

    private static void commands(MeterRegistry registry, String worker, String engine, BrokerStats stats,
            String route, ToDoubleFunction<BrokerStats> count) {
        FunctionCounter.builder("gateway.engine.commands", stats, count)
                .tags("worker", worker, "engine", engine, "route", route)
                .description("Broadcast commands sent only to the gateways holding a target, or to every gateway")
                .register(registry);
    }

    private static void failures(MeterRegistry registry, String worker, String engine, BrokerStats stats, String kind,
            ToDoubleFunction<BrokerStats> count) {
        FunctionCounter.builder("gateway.engine.store.failures", stats, count)
                .tags("worker", worker, "engine", engine, "kind", kind)
                .description("Calls the cluster engine's store did not answer (covered by the gateways)")
                .register(registry);
    }
}
