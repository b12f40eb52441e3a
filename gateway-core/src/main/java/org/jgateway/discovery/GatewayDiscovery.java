package org.jgateway.discovery;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jgateway.transport.EventLoopResources;

/**
 * How gateways make their inner addresses ({@code lanIp:port}) known and how business workers and API clients learn
 * them. GatewayWorker's way, and the default, is the register ({@code org.jgateway.register.RegisterDiscovery}); the
 * Redis engine announces gateways in Redis instead, so no register process is needed.
 * <p>
 * Implementations keep the last known list while their service is away (a restarting register or Redis knows fewer
 * gateways for a moment), so a consumer never tears down gateway connections because an address left the list.
 */
public interface GatewayDiscovery {

    /**
     * Starts announcing a gateway's inner addresses, one per listener, until the returned connection is closed
     * (an orderly close withdraws them; a process that dies is forgotten after the implementation's expiry).
     *
     * @throws IllegalArgumentException if an address is not {@code host:port} or none is given
     */
    DiscoveryConnection announce(List<String> gatewayAddresses, EventLoopResources resources);

    /**
     * Starts following the gateways' addresses until the returned watch is closed.
     *
     * @param listener gets the whole new set after every change; runs on an I/O thread and must not block
     */
    GatewayWatch watch(EventLoopResources resources, Consumer<Set<String>> listener);
}
