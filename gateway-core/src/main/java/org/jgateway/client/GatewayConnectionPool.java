package org.jgateway.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.transport.EventLoopResources;

/**
 * A {@link GatewayTransport} that reaches gateways over their inner port from outside a business worker: per gateway
 * one persistent command connection and one query connection, opened on first use, reopened on demand, each starting
 * with {@code CMD_GATEWAY_CLIENT_CONNECT} when a secret key is configured.
 * <p>
 * Unlike PHP's GatewayClient, which opens a socket per call, queries are pipelined on the query connection (see
 * {@link QueryConnection}) and commands share the command connection, so ordering between commands to one gateway is
 * kept. A query is written only once every command submitted to its gateway before it has been written, so it sees
 * them (read-your-writes, see docs/gateway-api.md); commands themselves never wait for queries.
 * <p>
 * Any address may be used, not only those of the {@link GatewayAddressSource}: a client_id names its gateway. Query
 * futures complete on a Netty event loop; do not block in their callbacks. Thread-safe.
 */
public final class GatewayConnectionPool implements GatewayTransport, AutoCloseable {

    private final GatewayAddressSource addresses;
    private final GatewayConnector connector;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final LongAdder droppedCommands = new LongAdder();
    private volatile boolean closed;

    /** The two connections of one gateway, on one event loop. */
    private record Endpoint(CommandConnection commands, QueryConnection queries) {
    }

    /**
     * @param addresses where the gateway list comes from
     * @param options   connection options
     * @param resources the event loops to run on; not closed by {@link #close()}
     */
    public GatewayConnectionPool(GatewayAddressSource addresses, GatewayConnectionPoolOptions options,
            EventLoopResources resources) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.connector = new GatewayConnector(Objects.requireNonNull(resources, "resources"),
                Objects.requireNonNull(options, "options"));
    }

    @Override
    public Collection<String> gatewayAddresses() {
        Collection<String> known = addresses.gatewayAddresses();
        return known == null ? List.of() : known;
    }

    /**
     * Queues {@code command} on the gateway's command connection, opening it if needed.
     *
     * @return false only once the pool is closed; a command accepted while the gateway cannot be reached is dropped
     *         later and counted in {@link #droppedCommands()}
     * @throws IllegalArgumentException if {@code gatewayAddress} is not {@code "host:port"}
     */
    @Override
    public boolean send(String gatewayAddress, GatewayFrame command) {
        if (closed) {
            droppedCommands.increment();
            return false;
        }
        return endpoint(gatewayAddress).commands().send(command);
    }

    /**
     * Pipelines {@code query} on the gateway's query connection, opening it if needed. The future fails on timeout,
     * connection loss, an unreadable reply, too many pending queries or a closed pool.
     */
    @Override
    public CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new GatewayException("Gateway connection pool is closed"));
        }
        try {
            Endpoint endpoint = endpoint(gatewayAddress);
            return endpoint.queries().query(query, timeout, endpoint.commands());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Commands accepted by {@link #send} but never written (gateway unreachable, queue full, pool closed). */
    public long droppedCommands() {
        return droppedCommands.sum();
    }

    /** The options this pool was built with. */
    public GatewayConnectionPoolOptions options() {
        return connector.options();
    }

    private Endpoint endpoint(String gatewayAddress) {
        Endpoint endpoint = endpoints.get(gatewayAddress);
        if (endpoint != null) {
            return endpoint;
        }
        GatewayConnector.socketAddress(gatewayAddress);
        endpoint = endpoints.computeIfAbsent(gatewayAddress, address -> {
            EventLoop loop = connector.nextLoop();
            return new Endpoint(new CommandConnection(address, loop, connector, droppedCommands),
                    new QueryConnection(address, loop, connector));
        });
        if (closed) {
            // Created while close() ran: make sure it never opens a connection.
            endpoint.commands().close();
            endpoint.queries().close();
        }
        return endpoint;
    }

    /**
     * Closes every connection and fails the queries still waiting; waits up to the connect timeout for the channels
     * to close. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        List<Future<Void>> closing = new ArrayList<>();
        for (Endpoint endpoint : endpoints.values()) {
            closing.add(endpoint.commands().close());
            closing.add(endpoint.queries().close());
        }
        long deadline = System.nanoTime() + options().cluster().connectTimeout().toNanos();
        for (Future<Void> future : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "GatewayConnectionPool{gateways=" + endpoints.keySet() + ", " + options() + '}';
    }
}
