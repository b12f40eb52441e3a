package org.jgateway.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.jgateway.client.GatewayConnectionPool;
import org.jgateway.client.GatewayConnectionPoolOptions;
import org.jgateway.client.GatewayTransport;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.transport.EventLoopResources;

/**
 * The Gateway API's transport inside a worker: commands go on the worker's own gateway connections (so they follow
 * the events in order per gateway), queries on a separate pool of connections, since query replies carry no request
 * id and cannot share a stream with events; a query waits until the commands sent to its gateway before it are
 * written, so it sees them. Gateways in the same JVM answer in memory, in order with the commands.
 */
final class WorkerGatewayTransport implements GatewayTransport, AutoCloseable {

    private final GatewayLinks links;
    private final WorkerStats stats;
    private final GatewayConnectionPool queries;

    WorkerGatewayTransport(WorkerOptions options, GatewayLinks links, WorkerStats stats, EventLoopResources resources) {
        this.links = links;
        this.stats = stats;
        this.queries = new GatewayConnectionPool(this::gatewayAddresses, GatewayConnectionPoolOptions.builder()
                .cluster(options.cluster()).build(), resources);
    }

    /**
     * Every gateway the registers listed (connected or not): a query that cannot reach one of them fails and names
     * it rather than quietly counting less.
     */
    @Override
    public Collection<String> gatewayAddresses() {
        return links.addresses();
    }

    @Override
    public boolean send(String gatewayAddress, GatewayFrame command) {
        if (links.send(gatewayAddress, command)) {
            return true;
        }
        stats.commandsDropped.increment();
        return false;
    }

    @Override
    public CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout) {
        GatewayConnection connection = links.get(gatewayAddress);
        byte[] local = connection == null ? null : connection.queryInJvm(query);
        if (local != null) {
            return CompletableFuture.completedFuture(local);
        }
        if (connection == null) {
            return queries.query(gatewayAddress, query, timeout);
        }
        // Read-your-writes: the worker's commands to this gateway travel on its link, the query on another
        // connection; the query leaves once the commands before it are on the wire, so the gateway reads them first.
        return connection.commandsWritten().thenCompose(written -> queries.query(gatewayAddress, query, timeout));
    }

    @Override
    public void close() {
        queries.close();
    }
}
