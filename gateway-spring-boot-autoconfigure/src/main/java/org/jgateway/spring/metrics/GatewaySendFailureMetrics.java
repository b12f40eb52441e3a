package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;

/**
 * {@code gateway.send.failures} of a {@link GatewayServer} (workerman's {@code send_fail}), tagged {@code listener} and
 * {@code reason}: slow_consumer_dropped (message dropped, DROP policy), slow_consumer_closed (client closed, CLOSE
 * policy), client_closed (message to a client already gone).
 */
public class GatewaySendFailureMetrics implements MeterBinder {

    private final GatewayServer gateway;

    public GatewaySendFailureMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : gateway.listeners()) {
            GatewayStats stats = listener.stats();
            failure(registry, listener.name(), stats, "slow_consumer_dropped", GatewayStats::sendDroppedSlowConsumer);
            failure(registry, listener.name(), stats, "slow_consumer_closed", GatewayStats::clientsClosedSlowConsumer);
            failure(registry, listener.name(), stats, "client_closed", GatewayStats::sendDroppedClosed);
        }
    }

    private static void failure(MeterRegistry registry, String listener, GatewayStats stats, String reason,
            ToDoubleFunction<GatewayStats> count) {
        FunctionCounter.builder("gateway.send.failures", stats, count)
                .tags("listener", listener, "reason", reason)
                .description("Messages not delivered to clients, by reason")
                .register(registry);
    }
}
