package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;

/**
 * Connection meters of a {@link GatewayServer}, tagged {@code listener}: {@code gateway.connections} (gauge, connected
 * clients), {@code gateway.connections.accepted} (counter), {@code gateway.clients.closed} (counter, tag
 * {@code reason} = heartbeat | protocol_error | no_worker | rate_limit), {@code gateway.clients.waiting} (gauge,
 * clients whose events wait for a worker), {@code gateway.workers.connected} (gauge); and
 * {@code gateway.registers.connected} and {@code gateway.discovery.connected} (1 while the announcement reaches a
 * register or, with the redis engine, Redis) with tag {@code role} = gateway.
 */
public class GatewayConnectionMetrics implements MeterBinder {

    /** Links closed because the peer sent nothing for the peer timeout; shared with the worker's meters. */
    static final String STALLED = "gateway.peers.stalled";
    static final String STALLED_DESCRIPTION = "Links closed because the peer (tag peer) sent nothing for "
            + "gateway.cluster.peer-timeout: stopped, frozen or cut off";

    private final GatewayServer gateway;

    public GatewayConnectionMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : gateway.listeners()) {
            String name = listener.name();
            // A ListenerStatus is a view made per call that nothing else keeps: the gauges must hold it.
            Gauge.builder("gateway.connections", listener, ListenerStatus::clients)
                    .strongReference(true)
                    .tag("listener", name)
                    .description("Connected clients")
                    .register(registry);
            Gauge.builder("gateway.workers.connected", listener, l -> l.workers().size())
                    .strongReference(true)
                    .tag("listener", name)
                    .description("Business workers connected to the listener's inner port")
                    .register(registry);
            Gauge.builder("gateway.clients.waiting", listener, ListenerStatus::clientsWaitingForWorker)
                    .strongReference(true)
                    .tag("listener", name)
                    .description("Clients whose events are held until a worker connects")
                    .register(registry);
            GatewayStats stats = listener.stats();
            FunctionCounter.builder("gateway.connections.accepted", stats, GatewayStats::connectionsAccepted)
                    .tag("listener", name)
                    .description("Client connections accepted")
                    .register(registry);
            closed(registry, name, stats, "heartbeat", GatewayStats::heartbeatClosed);
            closed(registry, name, stats, "protocol_error", GatewayStats::clientProtocolErrors);
            closed(registry, name, stats, "no_worker", GatewayStats::clientsClosedNoWorker);
            closed(registry, name, stats, "rate_limit", GatewayStats::clientsClosedRateLimit);
        }
        Gauge.builder("gateway.registers.connected", gateway, GatewayServer::connectedRegisters)
                .tag("role", "gateway")
                .description("Registers this role is connected to")
                .register(registry);
        Gauge.builder("gateway.discovery.connected", gateway, g -> g.isDiscoveryConnected() ? 1 : 0)
                .tag("role", "gateway")
                .description("Whether this role reaches where gateways are announced (a register, or Redis)")
                .register(registry);
        FunctionCounter.builder(STALLED, gateway,
                        g -> g.listeners().stream().mapToLong(l -> l.stats().workersStalled()).sum())
                .tags("role", "gateway", "peer", "worker")
                .description(STALLED_DESCRIPTION)
                .register(registry);
        FunctionCounter.builder(STALLED, gateway, GatewayServer::stalledRegisters)
                .tags("role", "gateway", "peer", "register")
                .description(STALLED_DESCRIPTION)
                .register(registry);
    }

    private static void closed(MeterRegistry registry, String listener, GatewayStats stats, String reason,
            ToDoubleFunction<GatewayStats> count) {
        FunctionCounter.builder("gateway.clients.closed", stats, count)
                .tags("listener", listener, "reason", reason)
                .description("Clients the gateway closed, by reason")
                .register(registry);
    }
}
