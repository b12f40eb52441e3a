package org.jgateway.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jgateway.register.RegisterClient;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.register.RegisterUnavailableException;
import org.jgateway.transport.EventLoopResources;

/**
 * Gateway addresses from the registers, kept current: the client stays connected to every register (as a worker
 * does) and receives each new list, instead of asking once per call like PHP's GatewayClient.
 */
final class RegisterAddressSource implements GatewayAddressSource, AutoCloseable {

    private final RegisterClient registers;
    private final Duration firstListTimeout;
    private final EventLoopGroup loops;

    RegisterAddressSource(RegisterClientOptions options, EventLoopResources resources) {
        this.registers = RegisterClient.forWorker(options, resources, addresses -> { });
        this.loops = resources.group();
        this.firstListTimeout = options.cluster().connectTimeout();
        registers.start();
    }

    /**
     * The current union of the registers' lists; waits up to the connect timeout for the very first one, except on
     * an event loop (a call chained on a query future), which must not block: it may be the loop that delivers the
     * list. There the list known so far is used.
     */
    @Override
    public Collection<String> gatewayAddresses() {
        Set<String> addresses;
        if (onEventLoop()) {
            addresses = registers.gatewayAddresses();
            if (addresses.isEmpty()) {
                throw new GatewayException("No gateway address known yet (called on an event loop, which cannot wait "
                        + "for the registers' first list)");
            }
            return sorted(addresses);
        }
        try {
            // Returns at once after the first list arrived.
            addresses = registers.awaitAddresses(firstListTimeout);
        } catch (RegisterUnavailableException e) {
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
        registers.close();
    }
}
