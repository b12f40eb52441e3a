package org.jgateway.register;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The register's state: which connection announced which gateway address, and which connections want the list.
 * <p>
 * Mutated only on the register's event loop; the published list and counts are volatile snapshots for other threads.
 */
final class GatewayDirectory {

    // Registration order: PHP keys its array by connection id, so a re-announce keeps its place.
    private final Map<Channel, String> gateways = new LinkedHashMap<>();
    private final Set<Channel> workers = new LinkedHashSet<>();

    private volatile List<String> addresses = List.of();
    private volatile int gatewayCount;
    private volatile int workerCount;

    /** Records the address a connection announced. */
    void addGateway(Channel channel, String address) {
        gateways.put(channel, address);
        publish();
    }

    /** Records a connection that gets the list. */
    void addWorker(Channel channel) {
        workers.add(channel);
        publish();
    }

    /** The address a connection announced, or null. */
    @Nullable String addressOf(Channel channel) {
        return gateways.get(channel);
    }

    /**
     * Forgets a closed connection.
     *
     * @return whether it was a gateway connection (the list may have changed)
     */
    boolean remove(Channel channel) {
        boolean gateway = gateways.remove(channel) != null;
        boolean worker = workers.remove(channel);
        if (gateway || worker) {
            publish();
        }
        return gateway;
    }

    /**
     * Distinct addresses in registration order. An address announced by two connections is listed once and stays
     * until both are gone (PHP: {@code array_unique(array_values(...))}).
     */
    List<String> addresses() {
        return addresses;
    }

    /** The connections that receive the list; a copy. */
    List<Channel> workers() {
        return new ArrayList<>(workers);
    }

    int gatewayCount() {
        return gatewayCount;
    }

    int workerCount() {
        return workerCount;
    }

    private void publish() {
        addresses = List.copyOf(new LinkedHashSet<>(gateways.values()));
        gatewayCount = gateways.size();
        workerCount = workers.size();
    }
}
