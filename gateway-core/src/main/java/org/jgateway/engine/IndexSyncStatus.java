package org.jgateway.engine;

/**
 * What a {@link LocalIndexSync} reports about the gateway listeners of this process.
 *
 * @param engine            the engine's name ({@code register}, {@code redis})
 * @param announcedGateways listeners whose whole state the engine's store holds and that senders route by (0 for the
 *                          register engine, whose gateways receive every command)
 * @param rebuilds          times a listener wrote its whole state to the store (at start, after an outage)
 * @param writeFailures     writes to the store that failed (each leads to a rebuild)
 * @param indexedClients    clients of the announced listeners that the store holds, as the store counted them at the
 *                          listeners' last heartbeat (0 for the register engine)
 */
public record IndexSyncStatus(String engine, int announcedGateways, long rebuilds, long writeFailures,
        long indexedClients) {

    /** The register engine's: nothing kept outside the gateways. */
    public static final IndexSyncStatus REGISTER = new IndexSyncStatus(RegisterBroker.NAME, 0, 0, 0, 0);
}
