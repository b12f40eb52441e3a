package org.jgateway.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayConnectionPool;
import org.jgateway.client.GatewayConnectionPoolOptions;
import org.jgateway.client.GatewayTransport;
import org.jgateway.client.TransportGatewayApi;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.ReconnectDelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's links to the gateways the registers list: one per gateway, in memory when the gateway is registered in
 * the {@link InJvmGateways} given, else over TCP. Follows the registers' list (new gateways are connected, unlisted
 * ones are not reconnected once their link closes), and switches reading from all of them on and off.
 * <p>
 * It is also the worker's Gateway API transport: commands go on the link to their gateway (so they follow the events
 * in order per gateway), queries on a separate pool of connections, since query replies carry no request id and
 * cannot share a stream with events; a query waits until the commands sent to its gateway before it are written, so
 * it sees them. Gateways in the same JVM answer in memory, in order with the commands.
 * <p>
 * Made before the {@link BusinessWorker} that uses them, so that the worker's Gateway API ({@link #api()}) exists
 * before the handler that answers through it: a handler can take the API as a collaborator. The links stay idle until
 * that worker starts, and close with it; they serve one worker.
 */
public final class GatewayLinks implements GatewayTransport {

    private static final Logger log = LoggerFactory.getLogger(GatewayLinks.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final WorkerOptions options;
    private final String workerKey;
    private final EventLoopResources resources;
    private final InJvmGateways inJvmGateways;
    private final WorkerStats stats = new WorkerStats();
    private final GatewayConnectionPool queries;
    private final TransportGatewayApi api;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final ReconnectDelay reconnectDelay;
    private volatile @Nullable GatewayLinkListener listener;
    private final Map<String, GatewayConnection> links = new ConcurrentHashMap<>();
    private final Queue<Runnable> readingWaiters = new ConcurrentLinkedQueue<>();
    private volatile boolean reading = true;
    private volatile boolean closed;

    /**
     * Links for a worker with {@code options}, attaching in memory to the gateway listeners registered in
     * {@code inJvmGateways} (the object given to the {@code GatewayServer} of this process) unless
     * {@link WorkerOptions#inJvmGateways()} is off or TLS to the gateways is configured.
     */
    public GatewayLinks(WorkerOptions options, EventLoopResources resources, InJvmGateways inJvmGateways) {
        this.options = options;
        this.workerKey = options.name() + ':' + ProcessHandle.current().pid()
                + (INSTANCES.getAndIncrement() == 0 ? "" : "." + INSTANCES.get());
        this.resources = resources;
        this.inJvmGateways = inJvmGateways;
        this.api = new TransportGatewayApi(this, options.api());
        this.queries = new GatewayConnectionPool(this::gatewayAddresses, GatewayConnectionPoolOptions.builder()
                .cluster(options.cluster()).build(), resources);
        // A gateway that stays down is not hammered; jitter as the register client's, so that the workers of a
        // cluster do not all come back to a restarted gateway at the same moment.
        this.reconnectDelay = ReconnectDelay.exponential(options.cluster().reconnectDelay(),
                options.cluster().maxReconnectDelay(), RegisterClientOptions.DEFAULT_RECONNECT_JITTER);
    }

    /** The Gateway API through these links, the one the worker's handlers get. */
    public GatewayApi api() {
        return api;
    }

    /** Taken by the worker that will use them: one worker's events arrive on them, so a second one cannot. */
    void claim() {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("These gateway links already serve a business worker (worker_key "
                    + workerKey + "): make new ones for another worker");
        }
    }

    WorkerOptions options() {
        return options;
    }

    WorkerStats stats() {
        return stats;
    }

    // ---- what a link needs ----

    /**
     * {@code worker_key} the links introduce themselves with: {@code name:pid}, unique per process (a counter follows
     * for the second and later workers of a process), so two workers of the same name on one host do not evict each
     * other.
     */
    String workerKey() {
        return workerKey;
    }

    EventLoopResources resources() {
        return resources;
    }

    /** Waits between reconnects to a gateway: the cluster's reconnect delay doubling up to its maximum, with jitter. */
    ReconnectDelay reconnectDelay() {
        return reconnectDelay;
    }

    /** What receives the links' frames; set before the first link is made (see {@link #start}). */
    GatewayLinkListener listener() {
        return Objects.requireNonNull(listener, "the links are not started");
    }

    /** A link is up: it reads only while the others do. */
    void connected(GatewayConnection link) {
        if (!reading) {
            link.setReading(false);
        }
    }

    /** A link is down: dropped unless the registers still list its gateway (then it reconnects). */
    void disconnected(GatewayConnection link, boolean listed) {
        listener().disconnected(link);
        if (!listed) {
            forget(link);
        }
    }

    /** Drops a link whose gateway is neither listed nor connected. */
    void forget(GatewayConnection link) {
        links.remove(link.address(), link);
    }

    // ---- following the registers ----

    /**
     * Links are made from now on, as the registers list gateways; what they receive goes to {@code listener}. The
     * listener comes this late because it answers through the Gateway API, which needs these links.
     */
    void start(GatewayLinkListener listener) {
        this.listener = listener;
    }

    /** The registers' gateway list changed: connect to new gateways, stop reconnecting to those that left. */
    void addressesChanged(Set<String> addresses) {
        if (closed || listener == null) {
            return;
        }
        for (String address : addresses) {
            GatewayConnection existing = links.get(address);
            if (existing != null) {
                existing.setListed(true);
            } else {
                // In memory unless TLS to the gateway was asked for (then its certificate checks must happen).
                GatewayConnection created = options.inJvmGateways() && options.cluster().gatewaySslContext() == null
                        && inJvmGateways.isPresent(address)
                        ? new InJvmGatewayConnection(address, this, inJvmGateways)
                        : new TcpGatewayConnection(address, this);
                if (links.putIfAbsent(address, created) == null) {
                    created.connect();
                }
            }
        }
        for (GatewayConnection link : links.values()) {
            if (!addresses.contains(link.address())) {
                log.info("Worker '{}': gateway {} left the registers' list: no reconnect once its connection closes",
                        options.name(), link.address());
                link.setListed(false);
            }
        }
    }

    /** The link to the gateway at {@code address}, or null when the registers do not list it. */
    @Nullable GatewayConnection get(String address) {
        return links.get(address);
    }

    // ---- the Gateway API's transport ----

    /**
     * Every gateway the registers listed (connected or not), sorted: a query that cannot reach one of them fails and
     * names it rather than quietly counting less.
     */
    @Override
    public List<String> gatewayAddresses() {
        List<String> addresses = new ArrayList<>(links.keySet());
        addresses.sort(null);
        return addresses;
    }

    /** Sends a command on the link to its gateway; false (and counted) when that gateway has no connected link. */
    @Override
    public boolean send(String gatewayAddress, GatewayFrame command) {
        GatewayConnection link = links.get(gatewayAddress);
        if (link != null && link.send(command)) {
            return true;
        }
        stats.commandsDropped.increment();
        return false;
    }

    @Override
    public CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout) {
        GatewayConnection link = links.get(gatewayAddress);
        CompletableFuture<byte[]> local = link == null ? null : link.queryInJvm(query);
        if (local != null) {
            return local;
        }
        if (link == null) {
            return queries.query(gatewayAddress, query, timeout);
        }
        // Read-your-writes: the worker's commands to this gateway travel on its link, the query on another
        // connection; the query leaves once the commands before it are on the wire, so the gateway reads them first.
        return link.commandsWritten().thenCompose(written -> queries.query(gatewayAddress, query, timeout));
    }

    /** The gateways connected now, sorted. */
    List<String> connectedAddresses() {
        List<String> connected = new ArrayList<>();
        for (GatewayConnection link : links.values()) {
            if (link.isConnected()) {
                connected.add(link.address());
            }
        }
        connected.sort(null);
        return connected;
    }

    // ---- reading ----

    /** Stops or resumes taking events from every gateway (TCP links stop reading; in-JVM gateways ask first). */
    void setReading(boolean on) {
        reading = on;
        links.values().forEach(link -> link.setReading(on));
        if (on) {
            runReadingWaiters();
        }
    }

    /** Whether events are taken now (in-JVM gateways ask; remote ones feel it through TCP). */
    boolean isReading() {
        return reading;
    }

    /** Runs {@code task} once events are taken again (at once if they are). */
    void whenReading(Runnable task) {
        readingWaiters.add(task);
        if (reading) {
            runReadingWaiters();
        }
    }

    private void runReadingWaiters() {
        Runnable task;
        while ((task = readingWaiters.poll()) != null) {
            task.run();
        }
    }

    // ---- leaving ----

    /** Asks every gateway to stop routing clients here. */
    LeaveAcks leave() {
        closed = true;
        List<CompletableFuture<Void>> confirmed = new ArrayList<>();
        List<CompletableFuture<Void>> unconfirmed = new ArrayList<>();
        for (GatewayConnection link : links.values()) {
            (link.confirmsLeave() ? confirmed : unconfirmed).add(link.leave());
        }
        return new LeaveAcks(CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new)),
                CompletableFuture.allOf(unconfirmed.toArray(CompletableFuture[]::new)));
    }

    /**
     * The answers to a leave: from the gateways that confirm it after the last event they routed here (ours), and
     * from those that never do (PHP's), whose futures complete only when their links close.
     */
    record LeaveAcks(CompletableFuture<Void> confirming, CompletableFuture<Void> nonConfirming) {
    }

    /**
     * Closes every link and the query connections for good; an in-JVM gateway still waiting for us to take events is
     * released.
     */
    void close() {
        closed = true;
        links.values().forEach(GatewayConnection::close);
        links.clear();
        runReadingWaiters();
        queries.close();
    }
}
