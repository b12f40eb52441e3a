package org.jgateway.autoconfigure;

import java.util.HashMap;
import java.util.Map;

/**
 * The fixed ports the roles of this process bind, each with the property that sets it: two sockets of one process
 * on one port cannot both bind, so the second fails the startup naming both properties instead of a bind error.
 * Ephemeral ports (0) never collide.
 */
final class LocalPortClaims {

    private final Map<Integer, String> ports = new HashMap<>();

    /** Claims {@code port} for {@code property}, unless it is ephemeral. */
    void claim(int port, String property) {
        if (port == 0) {
            return;
        }
        String previous = ports.putIfAbsent(port, property);
        if (previous != null) {
            throw new InvalidGatewayPropertyException(property, port, "port " + port + " is also used by " + previous,
                    "give every register, listener and inner port of this process its own port (0 for ephemeral)");
        }
    }
}
