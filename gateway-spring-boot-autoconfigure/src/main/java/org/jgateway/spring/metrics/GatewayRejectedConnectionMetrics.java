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
 * Client connections a {@link GatewayServer} did not admit, tagged {@code listener}: {@code gateway.connections.rejected}
 * (tag {@code reason} = per_ip_limit: closed on accept because the client's IP already held
 * {@code max-connections-per-ip} connections; max_connections: the listener already held {@code max-connections};
 * per_ip_rate: the client's IP opened over {@code max-connection-rate-per-ip} per second; handshake_refused: WebSocket handshakes the listener's handshake filter
 * answered with 403) and {@code gateway.accept.failures} (accepts that failed, e.g. out of file descriptors, after
 * which the listener paused accepting).
 */
public class GatewayRejectedConnectionMetrics implements MeterBinder {

    private final GatewayServer gateway;

    public GatewayRejectedConnectionMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : gateway.listeners()) {
            GatewayStats stats = listener.stats();
            rejected(registry, listener.name(), stats, "per_ip_limit", GatewayStats::connectionsRejectedPerIpLimit);
            rejected(registry, listener.name(), stats, "max_connections",
                    GatewayStats::connectionsRejectedMaxConnections);
            rejected(registry, listener.name(), stats, "per_ip_rate", GatewayStats::connectionsRejectedPerIpRate);
            rejected(registry, listener.name(), stats, "handshake_refused", GatewayStats::handshakesRefused);
            FunctionCounter.builder("gateway.accept.failures", stats, GatewayStats::acceptFailures)
                    .tag("listener", listener.name())
                    .description("Failed accepts (e.g. out of file descriptors), each followed by a pause in accepting")
                    .register(registry);
        }
    }

    private static void rejected(MeterRegistry registry, String listener, GatewayStats stats, String reason,
            ToDoubleFunction<GatewayStats> count) {
        FunctionCounter.builder("gateway.connections.rejected", stats, count)
                .tags("listener", listener, "reason", reason)
                .description("Client connections the gateway did not admit, by reason")
                .register(registry);
    }
}
