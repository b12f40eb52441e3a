package org.jgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jgateway.discovery.DiscoveryConnection;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ProtectedMode;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.transport.EventLoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GatewayWorker's {@code Gateway}: holds client connections on its listeners, forwards their events to business
 * workers and executes the workers' commands. Each listener has its own inner port (an address registered with the
 * registers, and its own client_id space), like one GatewayWorker gateway process.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    /** How often {@link #drain} looks whether the workers confirmed everything (confirmations come every 20 ms). */
    private static final long DRAIN_POLL_MILLIS = 10;

    private final GatewayOptions options;
    private final EventLoopResources resources;
    private final List<GatewayListener> listeners = new ArrayList<>();
    private final GatewayDiscovery discovery;
    private volatile @Nullable DiscoveryConnection announcer;
    private volatile boolean started;
    private boolean readingStopped;

    /** A gateway that takes business workers over its inner ports only (no worker of this process attaches in memory). */
    public GatewayServer(GatewayOptions options, EventLoopResources resources) {
        this(options, resources, new InJvmGateways());
    }

    /**
     * A gateway whose listeners business workers of this process attach to in memory when they are given the same
     * {@code inJvmGateways}; workers of other processes connect to the inner ports as usual.
     */
    public GatewayServer(GatewayOptions options, EventLoopResources resources, InJvmGateways inJvmGateways) {
        this(options, resources, inJvmGateways, new RegisterDiscovery(options.cluster()));
    }

    /**
     * Like {@link #GatewayServer(GatewayOptions, EventLoopResources, InJvmGateways)}, announcing the inner addresses
     * through {@code discovery} instead of to the registers of {@code options.cluster()}.
     */
    public GatewayServer(GatewayOptions options, EventLoopResources resources, InJvmGateways inJvmGateways,
            GatewayDiscovery discovery) {
        this.options = options;
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.resources = resources;
        List<ListenerOptions> configured = options.listeners();
        UnconfirmedBudget unconfirmedBudget = new UnconfirmedBudget(options.unconfirmedEventsBufferSize());
        for (int i = 0; i < configured.size(); i++) {
            listeners.add(new GatewayListener(configured.get(i), options.innerPort(i), options, inJvmGateways,
                    unconfirmedBudget));
        }
    }

    /**
     * Binds every listener and inner port, then announces the inner addresses (to the registers by default).
     *
     * @throws GatewayBindException if a port cannot be bound; the ports already bound are closed again
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        ProtectedMode.checkBind("gateway '" + options.name() + "' inner ports", options.innerBindHost(),
                options.cluster().secretKey(), options.cluster().allowNoSecret(), log);
        try {
            for (GatewayListener listener : listeners) {
                listener.start(resources);
            }
        } catch (RuntimeException e) {
            listeners.forEach(GatewayListener::stop);
            throw e;
        }
        announcer = discovery.announce(addresses(), resources);
        started = true;
    }

    /** The inner addresses ({@code lanIp:port}) announced to the registers, one per listener. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        for (GatewayListener listener : listeners) {
            addresses.add(listener.address());
        }
        return addresses;
    }

    /** Status of each listener, in configuration order. */
    public List<ListenerStatus> listeners() {
        List<ListenerStatus> status = new ArrayList<>();
        for (GatewayListener listener : listeners) {
            status.add(new ListenerStatus(listener));
        }
        return status;
    }

    /** The listener named {@code name}. */
    public ListenerStatus listener(String name) {
        for (GatewayListener listener : listeners) {
            if (listener.name().equals(name)) {
                return new ListenerStatus(listener);
            }
        }
        throw new IllegalArgumentException("No listener named '" + name + "'");
    }

    /** Registers this gateway is connected to. */
    public int connectedRegisters() {
        DiscoveryConnection a = announcer;
        return a == null ? 0 : a.connectedRegisters();
    }

    /** Register connections closed because the register stalled (answered nothing for the peer timeout). */
    public long stalledRegisters() {
        DiscoveryConnection a = announcer;
        return a == null ? 0 : a.stalledRegisters();
    }

    /** Whether the announcement reaches its discovery service now (a register, or Redis). */
    public boolean isDiscoveryConnected() {
        DiscoveryConnection a = announcer;
        return a != null && a.isConnected();
    }

    /** Where this gateway announces its inner addresses. */
    public GatewayDiscovery discovery() {
        return discovery;
    }

    public GatewayOptions options() {
        return options;
    }

    /**
     * The first step of an orderly stop, so that nothing a client sent is read and then dropped: stops accepting
     * clients and reading from them (each on its event loop), then waits, up to {@code timeout}, until every worker
     * that confirms what it handles (ours) has confirmed every event sent to it and no client's events wait for a
     * worker. A worker confirms an event after its handler returned and its replies were sent, so they are then
     * written to the clients or on their way. Workers that do not confirm (PHP, and a worker in this JVM, which
     * handles what it has when it stops) cannot be waited for here. Calling it again only waits again.
     *
     * @return whether everything was confirmed within {@code timeout}
     */
    public synchronized boolean drain(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean first = !readingStopped;
        if (first) {
            readingStopped = true;
            stopAccepting();
            for (GatewayListener listener : listeners) {
                listener.stopReading(deadline);
                log.info("Gateway listener '{}' stopped reading from {} client(s) after reading {} message(s)",
                        listener.name(), listener.registry().size(), listener.stats().clientMessagesIn());
            }
        }
        List<String> pending = new ArrayList<>();
        while (true) {
            pending.clear();
            for (GatewayListener listener : listeners) {
                if (!listener.drained()) {
                    pending.add(listener.name());
                }
            }
            if (pending.isEmpty()) {
                if (first) {
                    log.info("Gateway '{}': workers confirmed every event in {} ms", options.name(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                log.warn("Gateway '{}': events of listener(s) {} still unconfirmed by their workers after {} ms "
                        + "(shutdown-drain-timeout): stopping anyway", options.name(), pending, timeout.toMillis());
                return false;
            }
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void stopAccepting() {
        for (GatewayListener listener : listeners) {
            try {
                listener.stopAccepting();
            } catch (RuntimeException e) {
                log.warn("Error closing gateway listener '{}'", listener.name(), e);
            }
        }
    }

    /** Stops accepting, closes every client and worker connection and leaves the registers. */
    @Override
    public void close() {
        shutdown(null, Duration.ZERO);
    }

    /**
     * Stops gracefully (after {@link #drain}, for nothing read to go unanswered): stops accepting clients, sends
     * {@code goodbye} (may be null) to every client and closes each
     * once what was queued for it is written, waiting up to {@code timeout} in all; then closes the worker
     * connections and leaves the registers. Workers still connected can send to clients until they are closed.
     */
    public synchronized void shutdown(byte[] goodbye, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        stopAccepting();
        for (GatewayListener listener : listeners) {
            listener.closeClients(goodbye, deadline);
        }
        if (announcer != null) {
            announcer.close();
        }
        for (GatewayListener listener : listeners) {
            try {
                listener.closeInner();
            } catch (RuntimeException e) {
                log.warn("Error stopping gateway listener '{}'", listener.name(), e);
            }
        }
        started = false;
    }
}
