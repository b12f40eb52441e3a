package org.jgateway.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.ReconnectDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's links to the gateways the registers list: one per gateway, in memory when the gateway is registered in
 * the {@link InJvmGateways} given, else over TCP. Follows the registers' list (new gateways are connected, unlisted ones are not reconnected once
 * their link closes), carries commands to a gateway by its address, and switches reading from all of them on and off.
 */
final class GatewayLinks {

    private static final Logger log = LoggerFactory.getLogger(GatewayLinks.class);

    private final WorkerOptions options;
    private final String workerKey;
    private final EventLoopResources resources;
    private final InJvmGateways inJvmGateways;
    private final ReconnectDelay reconnectDelay;
    private volatile GatewayLinkListener listener;
    private final Map<String, GatewayConnection> links = new ConcurrentHashMap<>();
    private final Queue<Runnable> readingWaiters = new ConcurrentLinkedQueue<>();
    private volatile boolean reading = true;
    private volatile boolean closed;

    GatewayLinks(WorkerOptions options, String workerKey, EventLoopResources resources, InJvmGateways inJvmGateways) {
        this.options = options;
        this.workerKey = workerKey;
        this.resources = resources;
        this.inJvmGateways = inJvmGateways;
        // A gateway that stays down is not hammered; jitter as the register client's, so that the workers of a
        // cluster do not all come back to a restarted gateway at the same moment.
        this.reconnectDelay = ReconnectDelay.exponential(options.cluster().reconnectDelay(),
                options.cluster().maxReconnectDelay(), RegisterClientOptions.DEFAULT_RECONNECT_JITTER);
    }

    // ---- what a link needs ----

    WorkerOptions options() {
        return options;
    }

    /** {@code worker_key} the links introduce themselves with. */
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

    GatewayLinkListener listener() {
        return listener;
    }

    /** A link is up: it reads only while the others do. */
    void connected(GatewayConnection link) {
        if (!reading) {
            link.setReading(false);
        }
    }

    /** A link is down: dropped unless the registers still list its gateway (then it reconnects). */
    void disconnected(GatewayConnection link, boolean listed) {
        listener.disconnected(link);
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

    // ---- using the links ----

    /** The link to the gateway at {@code address}, or null when the registers do not list it. */
    GatewayConnection get(String address) {
        return links.get(address);
    }

    /** Sends a command to a gateway; false when it has no connected link. */
    boolean send(String address, GatewayFrame command) {
        GatewayConnection link = links.get(address);
        return link != null && link.send(command);
    }

    /** Every listed gateway (connected or not), sorted. */
    List<String> addresses() {
        List<String> addresses = new ArrayList<>(links.keySet());
        addresses.sort(null);
        return addresses;
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

    /** Closes every link for good; an in-JVM gateway still waiting for us to take events is released. */
    void close() {
        closed = true;
        links.values().forEach(GatewayConnection::close);
        links.clear();
        runReadingWaiters();
    }
}
