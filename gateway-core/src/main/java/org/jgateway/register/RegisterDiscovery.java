package org.jgateway.register;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jgateway.discovery.DiscoveryConnection;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.transport.EventLoopResources;

/**
 * GatewayWorker's discovery, the default: gateways announce themselves to every register of
 * {@link ClusterConnectionOptions#registerAddresses()} and workers and API clients receive the registers' lists
 * ({@link RegisterClient}).
 */
public final class RegisterDiscovery implements GatewayDiscovery {

    private final ClusterConnectionOptions cluster;

    public RegisterDiscovery(ClusterConnectionOptions cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public DiscoveryConnection announce(List<String> gatewayAddresses, EventLoopResources resources) {
        return RegisterClient.forGateway(gatewayAddresses, options(), resources).start();
    }

    @Override
    public GatewayWatch watch(EventLoopResources resources, Consumer<Set<String>> listener) {
        return RegisterClient.forWorker(options(), resources, listener).start();
    }

    private RegisterClientOptions options() {
        return RegisterClientOptions.builder().cluster(cluster).build();
    }

    public ClusterConnectionOptions cluster() {
        return cluster;
    }

    @Override
    public String toString() {
        return "registers " + cluster.registerAddresses();
    }
}
