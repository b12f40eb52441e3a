package org.jgateway.register;

/**
 * A snapshot of a {@link RegisterServer}'s activity, for status pages and metrics.
 *
 * @param connections open connections, whatever their role
 * @param gatewayConnections connections that announced a gateway address
 * @param gatewayAddresses distinct gateway addresses listed
 * @param workerConnections connections that sent {@code worker_connect} (business workers and API clients)
 * @param authTimeouts connections closed because their first message did not arrive in time
 * @param badRequests connections closed for an unreadable line or an unexpected message
 * @param wrongSecrets connections closed for a wrong {@code secret_key}
 * @param messages messages received since start
 */
public record RegisterStats(int connections, int gatewayConnections, int gatewayAddresses, int workerConnections,
        long authTimeouts, long badRequests, long wrongSecrets, long messages) {

    /** All rejected connections, whatever the reason. */
    public long rejectedConnections() {
        return authTimeouts + badRequests + wrongSecrets;
    }
}
