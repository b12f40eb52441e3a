package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerStats;

/**
 * Event handling meters of a {@link BusinessWorker}, tagged {@code worker} (its name): {@code gateway.worker.events}
 * (counter, tag {@code type} = received | handled | error), {@code gateway.worker.event.latency} (function timer:
 * count and total time of the callbacks), {@code gateway.worker.queue.depth} (gauge, events received and not yet
 * handled), {@code gateway.worker.read.pauses}, {@code gateway.worker.session.writes} and
 * {@code gateway.worker.commands.dropped} (counters).
 */
public class WorkerEventMetrics implements MeterBinder {

    private final BusinessWorker worker;

    public WorkerEventMetrics(BusinessWorker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = worker.options().name();
        WorkerStats stats = worker.stats();
        events(registry, name, stats, "received", WorkerStats::eventsReceived);
        events(registry, name, stats, "handled", WorkerStats::eventsHandled);
        events(registry, name, stats, "error", WorkerStats::handlerErrors);
        FunctionTimer.builder("gateway.worker.event.latency", stats, WorkerStats::eventsHandled,
                        WorkerStats::handlerNanos, TimeUnit.NANOSECONDS)
                .tag("worker", name)
                .description("Time spent in event callbacks")
                .register(registry);
        Gauge.builder("gateway.worker.queue.depth", worker, BusinessWorker::pendingEvents)
                .tag("worker", name)
                .description("Events received and not yet handled")
                .register(registry);
        counter(registry, "gateway.worker.read.pauses", name, stats, WorkerStats::readPauses,
                "Times reading from gateways was paused because too many events were waiting");
        counter(registry, "gateway.worker.session.writes", name, stats, WorkerStats::sessionWrites,
                "Sessions written back to gateways");
        counter(registry, "gateway.worker.commands.dropped", name, stats, WorkerStats::commandsDropped,
                "Commands not sent because their gateway was not connected");
    }

    private static void events(MeterRegistry registry, String worker, WorkerStats stats, String type,
            ToDoubleFunction<WorkerStats> count) {
        FunctionCounter.builder("gateway.worker.events", stats, count)
                .tags("worker", worker, "type", type)
                .description("Client events received, handled, and whose callback threw")
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String meter, String worker, WorkerStats stats,
            ToDoubleFunction<WorkerStats> count, String description) {
        FunctionCounter.builder(meter, stats, count)
                .tag("worker", worker)
                .description(description)
                .register(registry);
    }
}
