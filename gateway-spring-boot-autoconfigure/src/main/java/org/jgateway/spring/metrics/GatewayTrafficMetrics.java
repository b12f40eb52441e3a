package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.gateway.GatewayCommandStats;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;

/**
 * Traffic counters of a {@link GatewayServer}, tagged {@code listener}: {@code gateway.messages.in} and
 * {@code gateway.bytes.in} (client messages received), {@code gateway.messages.out} (messages handed to clients; a
 * broadcast to n clients counts n), {@code gateway.events.forwarded} (client events sent to workers),
 * {@code gateway.commands} (tag {@code type} = command | query | invalid: what workers and API clients sent) and
 * {@code gateway.reads.paused} (times a client was paused because its worker connection was full).
 */
public class GatewayTrafficMetrics implements MeterBinder {

    private final GatewayServer gateway;

    public GatewayTrafficMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : gateway.listeners()) {
            String name = listener.name();
            GatewayStats stats = listener.stats();
            counter(registry, "gateway.messages.in", name, stats, GatewayStats::clientMessagesIn,
                    "Messages received from clients");
            // No base unit: Prometheus would otherwise append it, making gateway_bytes_in_bytes_total.
            counter(registry, "gateway.bytes.in", name, stats, GatewayStats::clientBytesIn,
                    "Bytes of the messages received from clients");
            counter(registry, "gateway.events.forwarded", name, stats, GatewayStats::eventsToWorkers,
                    "Client events forwarded to business workers");
            counter(registry, "gateway.reads.paused", name, stats, GatewayStats::readsPausedForWorker,
                    "Times a client's reads were paused because its worker connection was not writable");
            command(registry, name, stats, "command", GatewayStats::workerCommands);
            command(registry, name, stats, "query", GatewayStats::queries);
            command(registry, name, stats, "invalid", GatewayStats::invalidCommands);
            counter(registry, "gateway.messages.out", name, listener.commandStats(),
                    GatewayCommandStats::messagesSent, "Messages handed to client connections");
        }
    }

    private static <T> void counter(MeterRegistry registry, String meter, String listener, T stats,
            ToDoubleFunction<T> count, String description) {
        FunctionCounter.builder(meter, stats, count)
                .tag("listener", listener)
                .description(description)
                .register(registry);
    }

    private static void command(MeterRegistry registry, String listener, GatewayStats stats, String type,
            ToDoubleFunction<GatewayStats> count) {
        FunctionCounter.builder("gateway.commands", stats, count)
                .tags("listener", listener, "type", type)
                .description("Commands and queries received from workers and API clients")
                .register(registry);
    }
}
