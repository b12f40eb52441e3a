package org.jgateway.client;

import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.Ipv4;
import org.jgateway.register.HostAndPort;

/**
 * A gateway's inner address {@code "lanIp:port"} as the register lists it, able to turn the connection ids of its
 * query replies back into client_ids.
 */
record GatewayAddress(String text, int lanIp, int port) {

    /**
     * @throws IllegalArgumentException if {@code text} is not {@code "a.b.c.d:port"} (a hostname cannot be mapped to
     *                                  client_ids, as in GatewayWorker)
     */
    static GatewayAddress parse(String text) {
        HostAndPort address = HostAndPort.parse(text, "gateway address");
        return new GatewayAddress(text, Ipv4.parse(address.host()), address.port());
    }

    /** The client_id of connection {@code connectionId} (a u32 in a long) on this gateway. */
    String clientId(long connectionId) {
        if (connectionId < 0 || connectionId > 0xffffffffL) {
            throw new IllegalArgumentException("connection id out of range: " + connectionId);
        }
        return ClientId.format(lanIp, port, (int) connectionId);
    }
}
