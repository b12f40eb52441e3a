package org.jgateway.spring.actuate;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgateway.engine.BrokerStats;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.gateway.GatewayCommandStats;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.history.HistoryCounters;
import org.jgateway.history.HistoryStore;
import org.jgateway.register.RegisterServer;
import org.jgateway.register.RegisterStats;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.EngineRouting;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GatewayStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GlobalStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.HistoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerCounters;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerDescriptor;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.MemoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.RegisterStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.WorkerCounters;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.WorkerStatus;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerStats;
import org.jspecify.annotations.Nullable;

/** Reads the core objects into a {@link GatewayStatusDescriptor}. */
final class GatewayStatusCollector {

    private final List<RegisterServer> registers;
    private final List<GatewayServer> gateways;
    private final List<BusinessWorker> workers;
    private final RequestRateSampler sampler;
    private final ClusterEngineStatus engine;
    private final HistoryStore history;
    private final Clock clock;

    GatewayStatusCollector(List<RegisterServer> registers, List<GatewayServer> gateways, List<BusinessWorker> workers,
            RequestRateSampler sampler, ClusterEngineStatus engine, HistoryStore history, Clock clock) {
        this.registers = List.copyOf(registers);
        this.gateways = List.copyOf(gateways);
        this.workers = List.copyOf(workers);
        this.sampler = sampler;
        this.engine = engine;
        this.history = history;
        this.clock = clock;
    }

    GatewayStatusDescriptor collect() {
        Instant now = clock.instant();
        return new GatewayStatusDescriptor(global(now), registers.stream().map(this::register).toList(),
                gateways.stream().map(g -> gateway(g, now)).toList(),
                workers.stream().map(w -> worker(w, now)).toList(), engine.status(), history());
    }

    private @Nullable HistoryStatus history() {
        if (history == HistoryStore.none()) {
            return null;
        }
        HistoryCounters counters = history.counters();
        List<GatewayCommandStats> listeners = gateways.stream()
                .flatMap(g -> g.listeners().stream().map(ListenerStatus::commandStats)).toList();
        return new HistoryStatus(counters.store(), counters.appended(),
                counters.trimmed() + counters.expired() + counters.evicted(), counters.appendFailures(),
                counters.readFailures(), counters.memoryInUse(),
                listeners.stream().mapToLong(GatewayCommandStats::recoveriesCompleted).sum(),
                listeners.stream().mapToLong(GatewayCommandStats::recoveriesIncomplete).sum());
    }

    private GlobalStatus global(Instant now) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        Instant start = Instant.ofEpochMilli(runtime.getStartTime());
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        String os = System.getProperty("os.name") + "/" + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new GlobalStatus(Versions.JGATEWAY, Versions.NETTY, java, os, start, seconds(start, now),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), memory());
    }

    private static MemoryStatus memory() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long jvmDirect = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                jvmDirect = pool.getMemoryUsed();
            }
        }
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        long allocatorDirect = -1;
        long allocatorHeap = -1;
        if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            allocatorDirect = metric.usedDirectMemory();
            allocatorHeap = metric.usedHeapMemory();
        }
        return new MemoryStatus(heap.getUsed(), heap.getCommitted(), heap.getMax(),
                memory.getNonHeapMemoryUsage().getUsed(), PlatformDependent.usedDirectMemory(),
                PlatformDependent.maxDirectMemory(), jvmDirect, allocator.getClass().getSimpleName(), allocatorDirect,
                allocatorHeap);
    }

    private RegisterStatus register(RegisterServer register) {
        RegisterStats stats = register.stats();
        boolean running = register.isRunning();
        String address = registerAddress(register);
        String listening = address == null ? "none" : "text://" + address;
        return new RegisterStatus(listening, running, stats.connections(), stats.gatewayConnections(),
                register.gatewayAddresses(), stats.workerConnections(), stats.messages(),
                sampler.rate(register, () -> register.stats().messages()), stats.authTimeouts(), stats.badRequests(),
                stats.wrongSecrets());
    }

    /** {@code host:port} the register is bound to, null before it is started. */
    static String registerAddress(RegisterServer register) {
        try {
            return register.options().host() + ":" + register.port();
        } catch (IllegalStateException notStarted) {
            // port() has no answer before start(): the register listens nowhere yet.
            return null;
        }
    }

    private GatewayStatus gateway(GatewayServer gateway, Instant now) {
        List<ListenerDescriptor> listeners = new ArrayList<>();
        for (ListenerStatus listener : gateway.listeners()) {
            listeners.add(listener(listener, now));
        }
        return new GatewayStatus(gateway.options().name(), gateway.connectedRegisters(),
                gateway.options().cluster().registerAddresses(), gateway.isDiscoveryConnected(),
                gateway.stalledRegisters(), listeners,
                gateway.options().indexSync().status());
    }

    private ListenerDescriptor listener(ListenerStatus listener, Instant now) {
        GatewayStats stats = listener.stats();
        GatewayCommandStats commands = listener.commandStats();
        String protocol = listener.protocol().name().toLowerCase(Locale.ROOT);
        Instant start = Instant.ofEpochMilli(listener.startedAt());
        List<String> workerKeys = listener.workers();
        // The stats object is the listener's own and lives as long as it: a stable sampler key.
        double qps = sampler.rate(stats, () -> listenerRequests(stats));
        ListenerCounters counters = new ListenerCounters(stats.connectionsAccepted(), stats.clientMessagesIn(),
                stats.clientBytesIn(), stats.eventsToWorkers(), stats.workerCommands(), stats.queries(),
                stats.invalidCommands(), commands.messagesSent(), stats.eventsHeld(), stats.eventsDroppedNoWorker(),
                stats.eventsDroppedWorkerClosed(), stats.clientsClosedNoWorker(), stats.sendDroppedSlowConsumer(),
                stats.clientsClosedSlowConsumer(), stats.sendDroppedClosed(), stats.heartbeatClosed(),
                stats.clientProtocolErrors(), stats.innerProtocolErrors(), stats.unauthorizedInner(),
                stats.readsPausedForWorker(), stats.eventsLostWithWorker(), stats.connectionsRejectedPerIpLimit(),
                stats.handshakesRefused(), stats.acceptFailures(), stats.connectionsRejectedMaxConnections(),
                stats.connectionsRejectedPerIpRate(), stats.clientMessagesDroppedRateLimit(),
                stats.clientsClosedRateLimit(), stats.eventsRedelivered(), stats.eventsNotKept(),
                stats.workersStalled());
        return new ListenerDescriptor(listener.name(), protocol, listener.tls(), listener.listening(),
                listener.innerAddress(), start,
                seconds(start, now), listener.clients(), workerKeys.size(), workerKeys,
                listener.clientsWaitingForWorker(), listenerRequests(stats), qps, stats.sendFailures(), counters);
    }

    /** As workerman's gateway {@code total_request}: client messages and worker packages alike. */
    private static long listenerRequests(GatewayStats stats) {
        return stats.clientMessagesIn() + stats.workerCommands() + stats.queries();
    }

    private WorkerStatus worker(BusinessWorker worker, Instant now) {
        WorkerStats stats = worker.stats();
        Instant start = Instant.ofEpochMilli(worker.startedAt());
        List<String> connected = worker.connectedGateways();
        long handled = stats.eventsHandled();
        double meanMillis = handled == 0 ? 0 : stats.handlerNanos() / 1e6 / handled;
        WorkerCounters counters = new WorkerCounters(stats.eventsReceived(), handled, stats.handlerErrors(),
                stats.sessionWrites(), stats.sessionReloads(), stats.commandsDropped(), stats.readPauses(),
                stats.eventsAbandonedAtStop(), stats.gatewaysStalled(), worker.stalledRegisters(), meanMillis);
        return new WorkerStatus(worker.options().name(), worker.workerKey(), start, seconds(start, now),
                worker.connectedRegisters(), worker.isDiscoveryConnected(), worker.knownGateways().size(),
                connected.size(), connected,
                worker.pendingEvents(), stats.eventsReceived(), sampler.rate(stats, stats::eventsReceived),
                stats.commandsDropped(), counters, routing(worker.options().api().broker()));
    }

    private static EngineRouting routing(ClusterBroker broker) {
        BrokerStats stats = broker.stats();
        return new EngineRouting(broker.engine(), stats.routed(), stats.broadcast(), stats.routingFallbacks(),
                stats.membershipWriteFailures(), stats.presenceFallbacks());
    }

    private static long seconds(Instant start, Instant now) {
        return Math.max(0, Duration.between(start, now).getSeconds());
    }
}
