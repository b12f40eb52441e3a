package org.jgateway.engine;

/**
 * The gateway side of a cluster engine: each gateway listener, once its inner port is bound and before it accepts
 * clients, attaches its {@link LocalIndex} and from then on reports changes to the returned listener.
 */
@FunctionalInterface
public interface LocalIndexSync {

    /** The register engine's: nothing leaves the gateway. */
    LocalIndexSync NONE = (gatewayAddress, index) -> LocalIndexListener.NONE;

    /**
     * Starts keeping the cluster state of the gateway at {@code gatewayAddress} ({@code lanIp:innerPort}).
     *
     * @return the listener for changes; closed when the gateway stops
     */
    LocalIndexListener attach(String gatewayAddress, LocalIndex index);

    /** The engine's name and counters, for status and metrics. */
    default IndexSyncStatus status() {
        return IndexSyncStatus.REGISTER;
    }
}
