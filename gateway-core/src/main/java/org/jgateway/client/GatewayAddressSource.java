package org.jgateway.client;

import java.util.Collection;
import java.util.List;

/**
 * Where a {@link GatewayConnectionPool} learns the gateways' inner addresses ({@code "lanIp:port"}): a fixed list, or
 * the register's latest list. Called for every broadcast and list query, so it must be cheap (return a cached list).
 */
@FunctionalInterface
public interface GatewayAddressSource {

    /** The addresses of every gateway currently known, in a stable order; empty when none is known yet. */
    Collection<String> gatewayAddresses();

    /** A source that always answers {@code addresses}. */
    static GatewayAddressSource fixed(Collection<String> addresses) {
        List<String> copy = List.copyOf(addresses);
        for (String address : copy) {
            GatewayAddress.parse(address);
        }
        return () -> copy;
    }

    /** A source that always answers {@code addresses}. */
    static GatewayAddressSource fixed(String... addresses) {
        return fixed(List.of(addresses));
    }
}
