package org.jgateway.register;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.protocol.register.RegisterMessage;
import org.jgateway.transport.EventLoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register side of every role, connected to <em>all</em> configured registers and reconnecting on its own.
 * <ul>
 * <li>{@linkplain #forGateway Gateways} announce their inner addresses: one connection per address per register
 * ({@code gateway_connect}), as PHP gateways do, so a gateway process with several inner listeners is listed once
 * per listener and each listing ends with its own connection.</li>
 * <li>{@linkplain #forWorker Business workers and standalone API clients} send {@code worker_connect} and keep the
 * connection open to receive every later {@code broadcast_addresses}.</li>
 * </ul>
 * <p>
 * The known gateway list is the <em>union</em> of the latest list of each register. PHP workers let the last
 * message win instead, so a gateway that reached only one of several registers (a network split, a register that
 * came back after the gateway announced itself) flickers in and out of their list; the union keeps it. When a
 * register connection closes its last list is kept until that register sends a new one: while a register is down,
 * traffic between gateways and workers must go on as before. A register that restarts answers with the gateways
 * that re-announced themselves so far, possibly none, so consumers should not tear down gateway connections when an
 * address leaves the list (PHP's BusinessWorker does not either), only stop reconnecting to it.
 * <p>
 * All connections of one client share one event loop: their state is confined to it and the listener sees changes
 * in order. The listener runs on that loop and must not block.
 */
public final class RegisterClient implements GatewayWatch {

    private static final Logger log = LoggerFactory.getLogger(RegisterClient.class);

    /** What a client announces. */
    public enum Role {
        /** Sends {@code gateway_connect} for each of its addresses. */
        GATEWAY,
        /** Sends {@code worker_connect} and receives the gateway list. */
        WORKER
    }

    private final Role role;
    private final RegisterClientOptions options;
    private final EventLoopResources resources;
    private final boolean ownsResources;
    private final EventLoop loop;
    private final List<RegisterLink> links = new ArrayList<>();
    private final @Nullable Consumer<Set<String>> listener;
    private final CompletableFuture<Void> firstList = new CompletableFuture<>();

    // Loop-confined: the latest list of each register, kept while it is disconnected.
    private final Map<HostAndPort, List<String>> latestLists = new HashMap<>();
    private volatile Set<String> addresses = Set.of();
    private volatile int connectedRegisters;
    private final LongAdder stalledRegisters = new LongAdder();

    private boolean started;
    private boolean closed;

    private RegisterClient(Role role, Collection<String> gatewayAddresses, RegisterClientOptions options,
            EventLoopResources resources, boolean ownsResources, @Nullable Consumer<Set<String>> listener) {
        this.role = role;
        this.options = Objects.requireNonNull(options, "options");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.ownsResources = ownsResources;
        this.listener = listener;
        this.loop = resources.group().next();
        String secretKey = options.cluster().secretKey();
        for (HostAndPort register : options.registerAddresses()) {
            if (role == Role.GATEWAY) {
                for (String address : gatewayAddresses) {
                    links.add(new RegisterLink(register, new RegisterMessage.GatewayConnect(address, secretKey),
                            this, resources, loop, options));
                }
            } else {
                links.add(new RegisterLink(register, new RegisterMessage.WorkerConnect(secretKey), this,
                        resources, loop, options));
            }
        }
    }

    /**
     * A client that announces a gateway's inner addresses to every register, on shared event loops.
     *
     * @param gatewayAddresses {@code lanIp:port} of each inner listener of this gateway process
     * @throws IllegalArgumentException if an address is not {@code host:port} or none is given
     */
    public static RegisterClient forGateway(Collection<String> gatewayAddresses, RegisterClientOptions options,
            EventLoopResources resources) {
        return new RegisterClient(Role.GATEWAY, HostAndPort.gatewayAddresses(gatewayAddresses), options, resources, false, null);
    }

    /** Like {@link #forGateway(Collection, RegisterClientOptions, EventLoopResources)} with an event loop of its own. */
    public static RegisterClient forGateway(Collection<String> gatewayAddresses, RegisterClientOptions options) {
        List<String> addresses = HostAndPort.gatewayAddresses(gatewayAddresses);
        return new RegisterClient(Role.GATEWAY, addresses, options,
                EventLoopResources.create(1, "jgateway-register-client"), true, null);
    }

    /**
     * A client that learns the gateway list from every register, on shared event loops.
     *
     * @param listener gets the new union after every change of it; runs on an I/O thread, must not block
     */
    public static RegisterClient forWorker(RegisterClientOptions options, EventLoopResources resources,
            Consumer<Set<String>> listener) {
        return new RegisterClient(Role.WORKER, List.of(), options, resources, false,
                Objects.requireNonNull(listener, "listener"));
    }

    /** Like {@link #forWorker(RegisterClientOptions, EventLoopResources, Consumer)} with an event loop of its own. */
    public static RegisterClient forWorker(RegisterClientOptions options, Consumer<Set<String>> listener) {
        return new RegisterClient(Role.WORKER, List.of(), options,
                EventLoopResources.create(1, "jgateway-register-client"), true,
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Connects to every register; connections that fail are retried in the background.
     *
     * @return this
     */
    public synchronized RegisterClient start() {
        if (closed || started) {
            throw new IllegalStateException(closed ? "RegisterClient is closed" : "RegisterClient is already started");
        }
        started = true;
        loop.execute(() -> links.forEach(RegisterLink::connect));
        return this;
    }

    public Role role() {
        return role;
    }

    public RegisterClientOptions options() {
        return options;
    }

    /** The gateway addresses known now: the union of each register's latest list. Always empty for a gateway. */
    @Override
    public Set<String> gatewayAddresses() {
        return addresses;
    }

    /** How many registers have at least one open connection from this client. */
    public int connectedRegisterCount() {
        return connectedRegisters;
    }

    @Override
    public int connectedRegisters() {
        return connectedRegisters;
    }

    @Override
    public boolean isConnected() {
        return connectedRegisters > 0;
    }

    /** Register connections closed because the register answered nothing for the peer timeout. */
    @Override
    public long stalledRegisters() {
        return stalledRegisters.sum();
    }

    /** A link's register stalled; on the loop. */
    void registerStalled() {
        stalledRegisters.increment();
    }

    /**
     * Waits for the first list from any register, then returns the known addresses (possibly empty: no gateway
     * registered). Returns at once once a list has arrived. For standalone API clients that need the gateways
     * before their first call.
     *
     * @throws RegisterUnavailableException if no list arrived in time, saying what went wrong with each register
     * @throws IllegalStateException for a gateway client, which never receives lists
     */
    @Override
    public Set<String> awaitAddresses(Duration timeout) {
        if (role != Role.WORKER) {
            throw new IllegalStateException("Only a worker RegisterClient receives gateway addresses");
        }
        try {
            firstList.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return addresses;
        } catch (TimeoutException e) {
            throw new RegisterUnavailableException("No register sent the gateway list within " + timeout.toMillis()
                    + " ms (" + failures() + ")");
        } catch (ExecutionException e) {
            throw new RegisterUnavailableException("RegisterClient closed before a register sent the gateway list",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegisterUnavailableException("Interrupted while waiting for the gateway list", e);
        }
    }

    private String failures() {
        return links.stream()
                .map(link -> link.register() + ": " + (link.isConnected() ? "connected, no answer yet" : link.lastFailure()))
                .distinct()
                .collect(Collectors.joining("; "));
    }

    /** A link's list arrived; on the loop. */
    void addressesReceived(RegisterLink link, List<String> list) {
        if (role != Role.WORKER) {
            // Registers send lists only to worker_connect peers; a gateway has no use for one.
            return;
        }
        latestLists.put(link.register(), List.copyOf(list));
        Set<String> union = new LinkedHashSet<>();
        for (HostAndPort register : options.registerAddresses()) {
            union.addAll(latestLists.getOrDefault(register, List.of()));
        }
        boolean changed = !union.equals(addresses);
        if (changed) {
            addresses = Collections.unmodifiableSet(union);
            log.info("Gateway addresses: {}", addresses);
        }
        firstList.complete(null);
        if (changed && listener != null) {
            try {
                listener.accept(addresses);
            } catch (RuntimeException e) {
                log.error("Gateway address listener failed", e);
            }
        }
    }

    /** A link connected or disconnected; on the loop. */
    void linkStateChanged() {
        connectedRegisters = (int) links.stream().filter(RegisterLink::isConnected).map(RegisterLink::register)
                .distinct().count();
    }

    /** Closes every register connection and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<ChannelFuture> closing = new ArrayList<>();
        Runnable closeLinks = () -> links.forEach(link -> {
            ChannelFuture future = link.close();
            if (future != null) {
                closing.add(future);
            }
        });
        if (loop.inEventLoop()) {
            closeLinks.run();
        } else if (!loop.isShuttingDown()) {
            loop.submit(closeLinks).syncUninterruptibly();
            closing.forEach(ChannelFuture::awaitUninterruptibly);
        }
        firstList.completeExceptionally(new IllegalStateException("RegisterClient closed"));
        connectedRegisters = 0;
        if (ownsResources) {
            resources.close();
        }
    }
}
