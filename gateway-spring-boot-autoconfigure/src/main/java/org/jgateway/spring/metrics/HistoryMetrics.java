package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.gateway.GatewayCommandStats;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.history.HistoryCounters;
import org.jgateway.history.HistoryStore;
import org.jspecify.annotations.Nullable;

/**
 * History of a process, tagged {@code store} (memory | redis): {@code gateway.history.appends} (counter: messages
 * kept), {@code gateway.history.removed} (counter, tag {@code reason} = trimmed | expired | evicted; the memory store's,
 * Redis trims and expires by itself), {@code gateway.history.failures} (counter, tag {@code operation} = append | read:
 * sends neither kept nor sent, and reads that failed, because the store did not answer),
 * {@code gateway.history.memory.used} (gauge, bytes of history in this process's memory) and, on a gateway,
 * {@code gateway.history.recoveries} (counter, tags {@code listener} and {@code result} = complete | incomplete). Binds
 * nothing when no stream keeps history.
 */
public class HistoryMetrics implements MeterBinder {

    private final HistoryStore store;
    private final @Nullable GatewayServer gateway;

    /** @param gateway the gateway of this process, whose listeners recover clients; null without the gateway role */
    public HistoryMetrics(HistoryStore store, @Nullable GatewayServer gateway) {
        this.store = Objects.requireNonNull(store, "store");
        this.gateway = gateway;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (store == HistoryStore.none()) {
            return;
        }
        String kind = store.counters().store();
        FunctionCounter.builder("gateway.history.appends", store, counter(HistoryCounters::appended))
                .tag("store", kind).description("Messages kept in history").register(registry);
        removed(registry, kind, "trimmed", HistoryCounters::trimmed);
        removed(registry, kind, "expired", HistoryCounters::expired);
        removed(registry, kind, "evicted", HistoryCounters::evicted);
        failures(registry, kind, "append", HistoryCounters::appendFailures);
        failures(registry, kind, "read", HistoryCounters::readFailures);
        Gauge.builder("gateway.history.memory.used", store, s -> s.counters().memoryInUse()).tag("store", kind)
                .baseUnit("bytes").description("Bytes of history held in this process's memory").register(registry);
        if (gateway != null) {
            for (ListenerStatus listener : gateway.listeners()) {
                GatewayCommandStats stats = listener.commandStats();
                recoveries(registry, listener.name(), stats, "complete", GatewayCommandStats::recoveriesCompleted);
                recoveries(registry, listener.name(), stats, "incomplete", GatewayCommandStats::recoveriesIncomplete);
            }
        }
    }

    private static ToDoubleFunction<HistoryStore> counter(ToDoubleFunction<HistoryCounters> field) {
        return s -> field.applyAsDouble(s.counters());
    }

    private void removed(MeterRegistry registry, String kind, String reason, ToDoubleFunction<HistoryCounters> count) {
        FunctionCounter.builder("gateway.history.removed", store, counter(count)).tags("store", kind, "reason", reason)
                .description("Messages that left history, by reason").register(registry);
    }

    private void failures(MeterRegistry registry, String kind, String operation,
            ToDoubleFunction<HistoryCounters> count) {
        FunctionCounter.builder("gateway.history.failures", store, counter(count))
                .tags("store", kind, "operation", operation)
                .description("History sends and reads the store did not carry out").register(registry);
    }

    private static void recoveries(MeterRegistry registry, String listener, GatewayCommandStats stats, String result,
            ToDoubleFunction<GatewayCommandStats> count) {
        FunctionCounter.builder("gateway.history.recoveries", stats, count).tags("listener", listener, "result", result)
                .description("Clients recovered on a history stream, by outcome").register(registry);
    }
}
