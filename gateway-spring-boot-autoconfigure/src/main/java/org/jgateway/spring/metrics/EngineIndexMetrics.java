package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.gateway.GatewayServer;

/**
 * What a {@link GatewayServer}'s listeners keep in the cluster engine's store, tagged {@code engine}:
 * {@code gateway.engine.listeners.announced} (gauge: listeners whose whole state the store holds, so that senders
 * route by it), {@code gateway.engine.index.clients} (gauge: their clients the store holds, as it counted them at the
 * last heartbeat), {@code gateway.engine.index.rebuilds} and {@code gateway.engine.index.write.failures} (counters).
 * All are 0 with the register engine.
 */
public class EngineIndexMetrics implements MeterBinder {

    private final GatewayServer gateway;

    public EngineIndexMetrics(GatewayServer gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        LocalIndexSync sync = gateway.options().indexSync();
        String engine = sync.status().engine();
        Gauge.builder("gateway.engine.listeners.announced", sync, s -> s.status().announcedGateways())
                .tag("engine", engine)
                .description("Gateway listeners whose whole state the engine's store holds")
                .register(registry);
        Gauge.builder("gateway.engine.index.clients", sync, s -> s.status().indexedClients())
                .tag("engine", engine)
                .description("Clients of the announced listeners that the engine's store holds (at the last heartbeat)")
                .register(registry);
        FunctionCounter.builder("gateway.engine.index.rebuilds", sync, s -> s.status().rebuilds())
                .tag("engine", engine)
                .description("Times a listener wrote its whole state to the engine's store")
                .register(registry);
        FunctionCounter.builder("gateway.engine.index.write.failures", sync, s -> s.status().writeFailures())
                .tag("engine", engine)
                .description("Writes to the engine's store that failed, each followed by a rebuild")
                .register(registry);
    }
}
