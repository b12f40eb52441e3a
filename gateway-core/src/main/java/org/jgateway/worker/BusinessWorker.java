package org.jgateway.worker;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jgateway.client.GatewayApi;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.register.ProtectedMode;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.transport.EventLoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GatewayWorker's {@code BusinessWorker}: finds gateways through the registers, connects to every one of them, and
 * runs the {@link WorkerEventHandler} for their clients' events.
 * <p>
 * Unlike GatewayWorker: handlers run on an executor (a blocking handler holds up only its own client), an exception
 * in a handler is logged and counted instead of killing the process, the worker key is unique per process so two
 * workers of the same name on one host do not evict each other, and {@link #close()} is graceful: gateways stop
 * routing to this worker first, then the events already received are handled, then it leaves.
 * <p>
 * This class puts the worker together and runs its life cycle; the work is done by the gateway links (discovery and
 * connections), the event dispatcher (callbacks on the clients' lanes), the session sync, the backpressure and the
 * drain at stop.
 */
public final class BusinessWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BusinessWorker.class);

    private final WorkerOptions options;
    private final WorkerEventHandler handler;
    private final EventLoopResources resources;
    private final String workerKey;
    private final WorkerStats stats;
    private final @Nullable ExecutorService ownedExecutor;
    private final GatewayLinks links;
    private final ClientLanes lanes;
    private final EventDrain drain;
    private final EventDispatcher dispatcher;
    private final GatewayApi api;
    private final long startedAt = System.currentTimeMillis();
    private volatile boolean stopping;
    private final GatewayDiscovery gatewayDiscovery;
    private volatile @Nullable GatewayWatch discovery;

    /** A worker that connects to every gateway over TCP. */
    public BusinessWorker(WorkerOptions options, WorkerEventHandler handler, EventLoopResources resources) {
        this(options, handler, resources, new InJvmGateways());
    }

    /**
     * A worker that attaches in memory to the gateway listeners registered in {@code inJvmGateways} (the object given
     * to the {@code GatewayServer} of this process), unless {@link WorkerOptions#inJvmGateways()} is off or TLS to
     * the gateways is configured; other gateways are reached over TCP.
     */
    public BusinessWorker(WorkerOptions options, WorkerEventHandler handler, EventLoopResources resources,
            InJvmGateways inJvmGateways) {
        this(new GatewayLinks(options, resources, inJvmGateways), handler);
    }

    /**
     * Like {@link #BusinessWorker(WorkerOptions, WorkerEventHandler, EventLoopResources, InJvmGateways)}, finding
     * gateways through {@code discovery} (e.g. the redis engine's) instead of the registers of the options' cluster.
     */
    public BusinessWorker(WorkerOptions options, WorkerEventHandler handler, EventLoopResources resources,
            InJvmGateways inJvmGateways, GatewayDiscovery discovery) {
        this(new GatewayLinks(options, resources, inJvmGateways), handler, discovery);
    }

    /**
     * A worker over links made beforehand, so that {@code handler} could be given their {@link GatewayLinks#api()}
     * (as the Spring Boot starter gives it to the handler beans). The worker closes the links.
     */
    public BusinessWorker(GatewayLinks links, WorkerEventHandler handler) {
        this(links, handler, new RegisterDiscovery(links.options().cluster()));
    }

    /**
     * Like {@link #BusinessWorker(GatewayLinks, WorkerEventHandler)}, finding gateways through {@code discovery}
     * (e.g. the redis engine's) instead of the registers of the options' cluster.
     */
    public BusinessWorker(GatewayLinks links, WorkerEventHandler handler, GatewayDiscovery discovery) {
        this.gatewayDiscovery = Objects.requireNonNull(discovery, "discovery");
        links.claim();
        this.links = links;
        this.options = links.options();
        this.handler = handler;
        this.resources = links.resources();
        this.workerKey = links.workerKey();
        this.stats = links.stats();
        this.api = links.api();
        Executor executor = options.runOnEventLoop() ? Runnable::run : options.executor();
        if (executor == null) {
            ExecutorService created = WorkerExecutors.create(options);
            ownedExecutor = created;
            executor = created;
        } else {
            ownedExecutor = null;
        }
        EventBackpressure backpressure = new EventBackpressure(options, this::pendingEvents, links::setReading, stats);
        EventDrain drain = new EventDrain(stats);
        this.drain = drain;
        this.lanes = new ClientLanes(executor, pending -> {
            backpressure.pendingChanged(pending);
            drain.pendingChanged(pending);
        });
        this.dispatcher = new EventDispatcher(options.name(), handler, lanes,
                new SessionSync(options.name(), links, stats), api, stats);
    }

    /** Connects to the registers (and through them to every gateway) and calls {@code onWorkerStart}; once. */
    public synchronized void start() {
        if (discovery != null || stopping) {
            return;
        }
        ProtectedMode.warnIfUnprotected("business worker '" + options.name() + "'", options.cluster().registerAddresses(),
                options.cluster().secretKey(), log);
        links.start(dispatcher);
        discovery = gatewayDiscovery.watch(resources, links::addressesChanged);
        try {
            handler.onWorkerStart(this);
        } catch (RuntimeException e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': onWorkerStart failed", options.name(), e);
        }
        log.info("Business worker '{}' started (worker_key {}), gateways from {}", options.name(), workerKey,
                gatewayDiscovery);
    }

    /** The Gateway API through this worker's gateway connections. */
    public GatewayApi api() {
        return api;
    }

    public WorkerOptions options() {
        return options;
    }

    public WorkerStats stats() {
        return stats;
    }

    /** {@code worker_key} sent to gateways: {@code name:pid} (unique per process, see the class comment). */
    public String workerKey() {
        return workerKey;
    }

    public long startedAt() {
        return startedAt;
    }

    /** Inner addresses of the gateways this worker is connected to. */
    public List<String> connectedGateways() {
        return links.connectedAddresses();
    }

    /** Gateways listed by the registers (connected or not). */
    public Set<String> knownGateways() {
        return Set.copyOf(links.gatewayAddresses());
    }

    /** Registers this worker is connected to. */
    public int connectedRegisters() {
        GatewayWatch d = discovery;
        return d == null ? 0 : d.connectedRegisters();
    }

    /** Register connections closed because the register stalled (answered nothing for the peer timeout). */
    public long stalledRegisters() {
        GatewayWatch d = discovery;
        return d == null ? 0 : d.stalledRegisters();
    }

    /** Whether the gateway discovery (a register, or Redis) is reachable now. */
    public boolean isDiscoveryConnected() {
        GatewayWatch d = discovery;
        return d != null && d.isConnected();
    }

    /** Events received and not yet handled. */
    public int pendingEvents() {
        return lanes.pending();
    }

    /** The link to the gateway at {@code address}, or null when the registers do not list it. */
    @Nullable GatewayConnection connection(String address) {
        return links.get(address);
    }

    /**
     * Leaves gracefully: stops discovering gateways, asks every gateway to stop routing clients here (their next
     * events go to other workers), handles the events already received, calls {@code onWorkerStop}, then closes.
     * Events still queued after {@link WorkerOptions#stopTimeout()} are counted as abandoned.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        GatewayWatch d = discovery;
        if (d != null) {
            d.close();
        }
        int abandoned = drain.drain(lanes, links.leave(), options.stopTimeout());
        if (abandoned > 0) {
            stats.eventsAbandonedAtStop.add(abandoned);
            log.warn("Worker '{}': {} event(s) still pending after the stop timeout", options.name(), abandoned);
        }
        try {
            handler.onWorkerStop(this);
        } catch (RuntimeException e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': onWorkerStop failed", options.name(), e);
        }
        links.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        log.info("Business worker '{}' stopped", options.name());
    }

    @Override
    public String toString() {
        return "BusinessWorker{" + workerKey + ", gateways=" + connectedGateways() + '}';
    }
}
