package org.jgateway.engine;

import java.util.Collection;

/**
 * The default engine, GatewayWorker's: every broadcast command goes to every gateway and every presence query is
 * asked of every gateway; nothing is recorded anywhere but in the gateways. The frames and their order are exactly
 * those of GatewayWorker 4, so PHP gateways and workers share the cluster.
 */
public final class RegisterBroker implements ClusterBroker {

    /** The engine's name, {@code gateway.cluster.engine=register}. */
    public static final String NAME = "register";

    private final BrokerStats stats = new BrokerStats();

    @Override
    public String engine() {
        return NAME;
    }

    @Override
    public Collection<String> uidOwners(Collection<String> uids, Collection<String> gateways) {
        stats.broadcastCommand();
        return gateways;
    }

    @Override
    public Collection<String> groupOwners(Collection<String> groups, Collection<String> gateways) {
        stats.broadcastCommand();
        return gateways;
    }

    @Override
    public Collection<String> clientOwners(Collection<String> gateways) {
        stats.broadcastCommand();
        return gateways;
    }

    @Override
    public void membershipChanging(Membership change) {
        // The gateway holding the client is the only record.
    }

    @Override
    public void membershipNotSent(Membership change) {
    }

    @Override
    public ClusterPresence presence(Collection<String> gateways) {
        return null;
    }

    @Override
    public BrokerStats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return "RegisterBroker";
    }
}
