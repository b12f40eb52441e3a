package org.jgateway.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jgateway.discovery.DiscoveryUnavailableException;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.transport.EventLoopResources;

/**
 * Gateway addresses from the gateway discovery (the gateways, or Redis), kept current: the client follows the list
 * as a worker does, instead of asking once per call like PHP's GatewayClient.
 */
final class DiscoveryAddressSource implements GatewayAddressSource, AutoCloseable {

    private final GatewayWatch gateways;
    private final Duration firstListTimeout;
    private final EventLoopGroup loops;

    DiscoveryAddressSource(GatewayDiscovery discovery, Duration firstListTimeout, EventLoopResources resources) {
        this.loops = resources.group();
        this.firstListTimeout = firstListTimeout;
        this.gateways = discovery.watch(resources, addresses -> { });
    }

    /**
     * The current union of the gateways' lists; waits up to the connect timeout for the very first one, except on
     * an event loop (a call chained on a query future), which must not block: it may be the loop that delivers the
     * list. There the list known so far is used.
     */
    @Override
    public Collection<String> gatewayAddresses() {
        Set<String> addresses;
        if (onEventLoop()) {
            addresses = gateways.gatewayAddresses();
            if (addresses.isEmpty()) {
                throw new GatewayException("No gateway address known yet (called on an event loop, which cannot wait "
                        + "for the first gateway list)");
            }
            return sorted(addresses);
        }
        try {
            // Returns at once after the first list arrived.
            addresses = gateways.awaitAddresses(firstListTimeout);
        } catch (DiscoveryUnavailableException e) {
            throw new GatewayException("No gateway address: " + e.getMessage(), e);
        }
        return sorted(addresses);
    }

    private boolean onEventLoop() {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sorted(Set<String> addresses) {
        List<String> sorted = new ArrayList<>(addresses);
        sorted.sort(null);
        return sorted;
    }

    @Override
    public void close() {
        gateways.close();
    }
}
