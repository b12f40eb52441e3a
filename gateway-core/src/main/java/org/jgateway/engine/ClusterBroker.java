package org.jgateway.engine;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The sender side of a cluster engine, used by the Gateway API (in business workers and in {@code GatewayClient}s):
 * which gateways a broadcast command goes to, how membership changes are recorded before their command leaves, and
 * where presence queries are answered.
 * <p>
 * Every method receives {@code gateways}, the inner addresses the sender currently knows (from the register or
 * another discovery), in a stable order; an engine returns a subset of it, or all of it when it cannot route (and
 * counts that), never an address outside it. Implementations are thread-safe; the routing and membership methods
 * may block briefly (the Gateway API calls them on the sending thread so that one sender's commands keep their
 * order) and never throw for a store that is unreachable: they fall back to broadcasting and count it.
 */
public interface ClusterBroker {

    /** The engine's name as configured ({@code register}, {@code redis}), for status and metrics. */
    String engine();

    /** The gateways that may hold a client bound to one of {@code uids} (not empty). */
    Collection<String> uidOwners(Collection<String> uids, Collection<String> gateways);

    /** The gateways that may hold a member of one of {@code groups} (not empty). */
    Collection<String> groupOwners(Collection<String> groups, Collection<String> gateways);

    /**
     * {@link #uidOwners} for a sender that does not wait: the future completes with what {@link #uidOwners} would
     * return, never exceptionally, either before this returns or on the engine's own I/O thread. The futures of the
     * lookups one thread asks for complete in the order it asked for them, each after its predecessor's dependent
     * actions ran, so pushes sent from those actions keep their order. The default answers {@link #uidOwners} at once.
     */
    default CompletableFuture<Collection<String>> uidOwnersAsync(Collection<String> uids, Collection<String> gateways) {
        return CompletableFuture.completedFuture(uidOwners(uids, gateways));
    }

    /** {@link #groupOwners} for a sender that does not wait, as {@link #uidOwnersAsync}. */
    default CompletableFuture<Collection<String>> groupOwnersAsync(Collection<String> groups,
            Collection<String> gateways) {
        return CompletableFuture.completedFuture(groupOwners(groups, gateways));
    }

    /** The gateways that may hold any client, for {@code sendToAll}. */
    Collection<String> clientOwners(Collection<String> gateways);

    /**
     * Records a membership change before its command is sent to the client's gateway: when this returns, routing
     * and presence answered by this engine reflect it (read-your-writes for the sender, and no lost message for a
     * push sent afterwards). A store that cannot be written is counted, not thrown: the gateway still applies the
     * command, and its engine brings the store up to date when it is reachable again.
     */
    void membershipChanging(Membership change);

    /** The command of a {@link #membershipChanging} call could not be sent (its gateway is not connected). */
    void membershipNotSent(Membership change);

    /**
     * The presence answered by this engine for a cluster of {@code gateways}, or null when the queries must be asked
     * of every gateway (GatewayWorker's way; also when some of those gateways do not keep their state in this
     * engine's store, e.g. PHP gateways in a mixed cluster).
     */
    ClusterPresence presence(Collection<String> gateways);

    /** Counters of routed and broadcast commands and of fallbacks. */
    BrokerStats stats();
}
