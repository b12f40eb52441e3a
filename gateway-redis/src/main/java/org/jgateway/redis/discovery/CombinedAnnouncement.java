package org.jgateway.redis.discovery;

import org.jgateway.discovery.DiscoveryConnection;

/** A gateway announced in Redis (what this engine's workers read) and to registers (what PHP peers read). */
record CombinedAnnouncement(DiscoveryConnection redis, DiscoveryConnection registers) implements DiscoveryConnection {

    /** Redis: it is what the workers and clients of this engine find the gateway through. */
    @Override
    public boolean isConnected() {
        return redis.isConnected();
    }

    @Override
    public int connectedRegisters() {
        return registers.connectedRegisters();
    }

    @Override
    public long stalledRegisters() {
        return registers.stalledRegisters();
    }

    @Override
    public void close() {
        try {
            registers.close();
        } finally {
            redis.close();
        }
    }
}
