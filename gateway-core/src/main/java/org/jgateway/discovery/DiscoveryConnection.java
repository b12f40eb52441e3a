package org.jgateway.discovery;

/** A running announcement or watch: whether it reaches its service now, and how to end it. */
public interface DiscoveryConnection extends AutoCloseable {

    /**
     * Whether the discovery service is reachable now: at least one register connected, or the Redis connection up.
     * While it is not, gateways and workers keep serving with what they know.
     */
    boolean isConnected();

    /** How many registers this side is connected to; 0 for a discovery without registers. */
    int connectedRegisters();

    /**
     * Register connections closed because the register answered nothing for the peer timeout (stopped, frozen, cut
     * off); 0 for a discovery without registers.
     */
    default long stalledRegisters() {
        return 0;
    }

    /** Stops announcing or following. Idempotent. */
    @Override
    void close();
}
