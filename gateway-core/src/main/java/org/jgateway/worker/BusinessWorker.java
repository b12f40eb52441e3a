package org.jgateway.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jgateway.client.ClientContext;
import org.jgateway.client.ClientContextHolder;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.TransportGatewayApi;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpArrays;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.register.RegisterClient;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;
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
 */
public final class BusinessWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BusinessWorker.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final byte[] NO_SESSION = new byte[0];
    /** How long the event stream must stay quiet after the gateways confirmed our leave before we close. */
    private static final long QUIET_PERIOD_MILLIS = 50;

    private final WorkerOptions options;
    private final WorkerEventHandler handler;
    private final EventLoopResources resources;
    private final String workerKey;
    private final WorkerStats stats = new WorkerStats();
    private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
    private final SessionWrites sessionWrites = new SessionWrites();
    /** Real addresses of IPv6 clients (whose header ip is 0), learnt from their ON_CONNECT. */
    private final Map<String, String> ipv6Addresses = new ConcurrentHashMap<>();
    private final ExecutorService ownedExecutor;
    private final ClientLanes lanes;
    private final WorkerGatewayTransport transport;
    private final TransportGatewayApi api;
    private final AtomicBoolean readingPaused = new AtomicBoolean();
    private final Queue<Runnable> acceptingWaiters = new ConcurrentLinkedQueue<>();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private final long startedAt = System.currentTimeMillis();
    private volatile boolean stopping;
    private volatile RegisterClient discovery;
    private final InJvmGateways inJvmGateways;

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
        this.options = options;
        this.inJvmGateways = inJvmGateways;
        this.handler = handler;
        this.resources = resources;
        this.workerKey = options.name() + ':' + processId() + (INSTANCES.getAndIncrement() == 0 ? "" : "." + INSTANCES.get());
        Executor executor = options.runOnEventLoop() ? Runnable::run : options.executor();
        if (executor == null) {
            ownedExecutor = WorkerExecutors.create(options);
            executor = ownedExecutor;
        } else {
            ownedExecutor = null;
        }
        this.lanes = new ClientLanes(executor, this::pendingChanged);
        this.transport = new WorkerGatewayTransport(this, resources);
        this.api = new TransportGatewayApi(transport, options.api());
    }

    private static long processId() {
        return ProcessHandle.current().pid();
    }

    /** Connects to the registers (and through them to every gateway) and calls {@code onWorkerStart}; once. */
    public synchronized void start() {
        if (discovery != null || stopping) {
            return;
        }
        discovery = RegisterClient.forWorker(RegisterClientOptions.builder().cluster(options.cluster()).build(),
                resources, this::gatewayAddressesChanged);
        discovery.start();
        try {
            handler.onWorkerStart(this);
        } catch (RuntimeException e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': onWorkerStart failed", options.name(), e);
        }
        log.info("Business worker '{}' started (worker_key {}), registers {}", options.name(), workerKey,
                options.cluster().registerAddresses());
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
        List<String> connected = new ArrayList<>();
        for (GatewayConnection c : connections.values()) {
            if (c.isConnected()) {
                connected.add(c.address());
            }
        }
        connected.sort(null);
        return connected;
    }

    /** Gateways listed by the registers (connected or not). */
    public Set<String> knownGateways() {
        return Set.copyOf(connections.keySet());
    }

    /** Registers this worker is connected to. */
    public int connectedRegisters() {
        RegisterClient d = discovery;
        return d == null ? 0 : d.connectedRegisterCount();
    }

    /** Events received and not yet handled. */
    public int pendingEvents() {
        return lanes.pending();
    }

    EventLoopResources resources() {
        return resources;
    }

    GatewayConnection connection(String address) {
        return connections.get(address);
    }

    Iterable<GatewayConnection> connections() {
        return connections.values();
    }

    /** The registers' gateway list changed: connect to new gateways, drop those that left. */
    void gatewayAddressesChanged(Set<String> addresses) {
        if (stopping) {
            return;
        }
        for (String address : addresses) {
            GatewayConnection existing = connections.get(address);
            if (existing != null) {
                existing.setListed(true);
            } else {
                // In memory unless TLS to the gateway was asked for (then its certificate checks must happen).
                GatewayConnection created = options.inJvmGateways() && options.cluster().gatewaySslContext() == null
                        && inJvmGateways.isPresent(address)
                        ? new InJvmGatewayConnection(address, this, inJvmGateways)
                        : new TcpGatewayConnection(address, this);
                if (connections.putIfAbsent(address, created) == null) {
                    created.connect();
                }
            }
        }
        for (GatewayConnection c : connections.values()) {
            if (!addresses.contains(c.address())) {
                log.info("Worker '{}': gateway {} left the registers' list: no reconnect once its connection closes",
                        options.name(), c.address());
                c.setListed(false);
            }
        }
    }

    /** Drops a gateway that is neither listed nor connected. */
    void forget(GatewayConnection connection) {
        connections.remove(connection.address(), connection);
    }

    void gatewayConnected(GatewayConnection connection) {
        if (readingPaused.get()) {
            connection.setReading(false);
        }
    }

    void gatewayDisconnected(GatewayConnection connection) {
        // Our clients on that gateway are gone with it, or will come back with new events: forget what we wrote.
        String prefix = connection.address();
        sessionWrites.forgetGateway(prefix);
    }

    void onGatewayFrame(GatewayConnection connection, GatewayFrame frame) {
        switch (frame.cmd()) {
            case GatewayCommand.ON_CONNECT, GatewayCommand.ON_MESSAGE, GatewayCommand.ON_CLOSE,
                    GatewayCommand.ON_WEBSOCKET_CONNECT -> {
                stats.eventsReceived.increment();
                String clientId = ClientId.format(frame.localIp(), frame.localPort(), frame.connectionId());
                lanes.submit(clientId, () -> {
                    handle(clientId, frame);
                    connection.eventHandled();
                });
            }
            case GatewayCommand.PING -> {
            }
            default -> log.warn("Worker '{}': unexpected {} from gateway {}", options.name(),
                    GatewayCommand.nameOf(frame.cmd()), connection.address());
        }
    }

    private void handle(String clientId, GatewayFrame frame) {
        long start = System.nanoTime();
        if (frame.cmd() == GatewayCommand.ON_CONNECT && frame.clientIp() == 0 && frame.body().length > 0) {
            ipv6Addresses.put(clientId, new String(frame.body(), StandardCharsets.US_ASCII));
        }
        EventContext context = new EventContext(frame, clientId, frame.clientIp() == 0 ? ipv6Addresses.get(clientId) : null,
                api, this::loadSession);
        ClientContext previous = ClientContextHolder.bind(context);
        try {
            switch (frame.cmd()) {
                case GatewayCommand.ON_CONNECT -> handler.onConnect(context);
                case GatewayCommand.ON_MESSAGE -> handler.onMessage(context, frame.body());
                case GatewayCommand.ON_WEBSOCKET_CONNECT -> {
                    Map<String, Object> data = webSocketData(frame.body());
                    context.webSocketData(data);
                    handler.onWebSocketConnect(context, data);
                }
                case GatewayCommand.ON_CLOSE -> handler.onClose(context);
                default -> throw new IllegalStateException("not an event: " + frame.cmd());
            }
        } catch (Throwable e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': {} handler failed for client {}", options.name(),
                    GatewayCommand.nameOf(frame.cmd()), clientId, e);
        } finally {
            ClientContextHolder.bind(previous);
        }
        try {
            if (frame.cmd() == GatewayCommand.ON_CLOSE) {
                sessionWrites.forget(clientId);
                ipv6Addresses.remove(clientId);
            } else {
                Map<String, Object> changed = context.changedSession();
                if (changed != null) {
                    writeSession(clientId, frame, changed);
                }
            }
        } catch (RuntimeException e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': cannot save the session of client {}", options.name(), clientId, e);
        }
        stats.handlerNanos.add(System.nanoTime() - start);
        stats.eventsHandled.increment();
    }

    private Map<String, Object> webSocketData(byte[] body) {
        try {
            return EventContext.stringKeys(PhpArrays.asMap(PhpUnserializer.unserialize(body)));
        } catch (RuntimeException e) {
            log.warn("Worker '{}': unreadable WebSocket handshake data: {}", options.name(), e.toString());
            return new LinkedHashMap<>();
        }
    }

    /** The session for a callback (GatewayWorker §8), from the event unless this worker wrote a newer one. */
    private Map<String, Object> loadSession(EventContext context, byte[] eventSession) {
        String clientId = context.clientId();
        byte[] ext = sessionWrites.resolve(clientId, eventSession);
        if (ext != eventSession) {
            stats.sessionReloads.increment();
        }
        if (ext.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            return EventContext.stringKeys(PhpArrays.asMap(PhpUnserializer.unserialize(ext)));
        } catch (RuntimeException e) {
            log.warn("Worker '{}': unreadable session of client {} ({}): starting empty", options.name(), clientId,
                    e.toString());
            return new LinkedHashMap<>();
        }
    }

    private void writeSession(String clientId, GatewayFrame event, Map<String, Object> session) {
        byte[] bytes = session.isEmpty() ? NO_SESSION : PhpSerializer.serialize(session);
        GatewayConnection connection = connections.get(Ipv4.toString(event.localIp()) + ':' + event.localPort());
        GatewayFrame frame = GatewayFrame.scalarCommand(GatewayCommand.SET_SESSION, event.connectionId(), bytes, null);
        if (connection == null || !connection.send(frame)) {
            stats.commandsDropped.increment();
            log.warn("Worker '{}': session of client {} not saved: its gateway is not connected", options.name(), clientId);
            return;
        }
        sessionWrites.wrote(clientId, event.ext(), bytes);
        stats.sessionWrites.increment();
    }

    private void pendingChanged(int pending) {
        int max = options.maxPendingEvents();
        if (pending > max && readingPaused.compareAndSet(false, true)) {
            stats.readPauses.increment();
            log.debug("Worker '{}': {} events pending, pausing reads from gateways", options.name(), pending);
            connections.values().forEach(c -> c.setReading(false));
        } else if (pending <= max / 2 && readingPaused.get() && readingPaused.compareAndSet(true, false)) {
            connections.values().forEach(c -> c.setReading(true));
            runAcceptingWaiters();
        }
        if (pending == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /** Whether this worker takes more events (in-JVM gateways ask; remote ones feel it through TCP). */
    boolean isAcceptingEvents() {
        return !readingPaused.get();
    }

    /** Runs {@code task} once the worker takes events again. */
    void whenAcceptingEvents(Runnable task) {
        acceptingWaiters.add(task);
        if (!readingPaused.get()) {
            runAcceptingWaiters();
        }
    }

    private void runAcceptingWaiters() {
        Runnable task;
        while ((task = acceptingWaiters.poll()) != null) {
            task.run();
        }
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
        RegisterClient d = discovery;
        if (d != null) {
            d.close();
        }
        long deadline = System.nanoTime() + options.stopTimeout().toNanos();
        List<CompletableFuture<Void>> confirmed = new ArrayList<>();
        List<CompletableFuture<Void>> unconfirmed = new ArrayList<>();
        for (GatewayConnection c : connections.values()) {
            (c.confirmsLeave() ? confirmed : unconfirmed).add(c.leave());
        }
        // A JGateway gateway confirms after the last event it routed here: every event it sent is then received,
        // however long a loaded machine takes to get there. Waiting less would close on events still on their way.
        waitFor(CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new)),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        // A PHP gateway never confirms: bound the wait, then rely on the drain below.
        waitFor(CompletableFuture.allOf(unconfirmed.toArray(CompletableFuture[]::new)),
                Duration.ofMillis(Math.min(1000, options.stopTimeout().toMillis())));
        // An event a gateway routed here just before it processed our leave can still be on its way: drain until
        // the stream has been quiet for a moment.
        long received;
        do {
            received = stats.eventsReceived();
            awaitIdle(deadline);
            pause(QUIET_PERIOD_MILLIS, deadline);
        } while (stats.eventsReceived() != received && System.nanoTime() < deadline);
        int abandoned = lanes.pending();
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
        connections.values().forEach(GatewayConnection::close);
        connections.clear();
        runAcceptingWaiters();
        transport.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        log.info("Business worker '{}' stopped", options.name());
    }

    /** Waits {@code millis} (bounded by the deadline); the idle signal does not cut it short. */
    private void pause(long millis, long deadlineNanos) {
        long end = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), deadlineNanos);
        idleLock.lock();
        try {
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idleLock.unlock();
        }
    }

    private void awaitIdle(long deadlineNanos) {
        idleLock.lock();
        try {
            while (lanes.pending() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idleLock.unlock();
        }
    }

    private static void waitFor(CompletableFuture<?> future, Duration max) {
        try {
            future.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out or failed: the drain that follows covers what arrived.
        }
    }

    @Override
    public String toString() {
        return "BusinessWorker{" + workerKey + ", gateways=" + connectedGateways() + '}';
    }
}
