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
 * Client events a {@link GatewayServer} could not forward at once, tagged {@code listener}: {@code gateway.events.held}
 * (held because no worker was connected, or until a leaving worker confirmed the client's earlier events) and {@code gateway.events.dropped} (tag {@code reason} = no_worker: held
 * past the hold time or beyond the hold queue; worker_closed: the connection of a worker that does not confirm (PHP, in-JVM) closed under them; worker_lost:
 * sent to a worker that went away without confirming them and not kept for redelivery; rate_limit: client messages
 * over the listener's max-messages-per-second, dropped by policy), {@code gateway.events.redelivered} (sent again
 * because their worker went away without confirming them) and {@code gateway.events.not.kept} (sent to an
 * at-least-once worker while the unconfirmed-events buffer was full: at most once).
 */
public class GatewayHeldEventMetrics implements MeterBinder {

    private final GatewayServer gateway;

    public GatewayHeldEventMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : gateway.listeners()) {
            GatewayStats stats = listener.stats();
            FunctionCounter.builder("gateway.events.held", stats, GatewayStats::eventsHeld)
                    .tag("listener", listener.name())
                    .description("Client events held because no business worker was connected")
                    .register(registry);
            dropped(registry, listener.name(), stats, "no_worker", GatewayStats::eventsDroppedNoWorker);
            dropped(registry, listener.name(), stats, "worker_closed", GatewayStats::eventsDroppedWorkerClosed);
            dropped(registry, listener.name(), stats, "worker_lost", GatewayStats::eventsLostWithWorker);
            dropped(registry, listener.name(), stats, "rate_limit", GatewayStats::clientMessagesDroppedRateLimit);
            FunctionCounter.builder("gateway.events.redelivered", stats, GatewayStats::eventsRedelivered)
                    .tag("listener", listener.name())
                    .description("Client events sent again because their worker went away without confirming them")
                    .register(registry);
            FunctionCounter.builder("gateway.events.not.kept", stats, GatewayStats::eventsNotKept)
                    .tag("listener", listener.name())
                    .description("Client events sent at most once because the unconfirmed-events buffer was full")
                    .register(registry);
        }
    }

    private static void dropped(MeterRegistry registry, String listener, GatewayStats stats, String reason,
            ToDoubleFunction<GatewayStats> count) {
        FunctionCounter.builder("gateway.events.dropped", stats, count)
                .tags("listener", listener, "reason", reason)
                .description("Client events that never reached a business worker, by reason")
                .register(registry);
    }
}
