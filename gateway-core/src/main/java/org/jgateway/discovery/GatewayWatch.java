package org.jgateway.discovery;

import java.time.Duration;
import java.util.Set;

/** The worker and API-client side of a {@link GatewayDiscovery}: the gateway addresses known now. */
public interface GatewayWatch extends DiscoveryConnection {

    /** The gateway addresses known now; empty before the first list. */
    Set<String> gatewayAddresses();

    /**
     * Waits for the first list, then returns the known addresses (possibly empty: no gateway is announced). Returns at
     * once after the first list arrived.
     *
     * @throws DiscoveryUnavailableException if no list arrived in time, saying why
     */
    Set<String> awaitAddresses(Duration timeout);
}
