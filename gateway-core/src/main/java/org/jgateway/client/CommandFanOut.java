package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jgateway.protocol.GatewayFrame;

/** Sends a broadcast command to the gateways that have recipients, minus the connections excluded on each. */
final class CommandFanOut {

    private CommandFanOut() {
    }

    /**
     * @param gateways          the gateways to send to (the cluster engine's owners of the recipients)
     * @param excludedByGateway connection ids not to send to, per gateway address
     * @param frame             the command for a gateway, given what is excluded there (an empty list: nothing)
     */
    static void send(GatewayTransport transport, Collection<String> gateways, Map<String, List<Long>> excludedByGateway,
            Function<List<Long>, GatewayFrame> frame) {
        // One frame serves every gateway with nothing to exclude; only the others need their own.
        GatewayFrame unexcluded = null;
        for (String gateway : gateways) {
            List<Long> exclude = excludedByGateway.get(gateway);
            GatewayFrame command;
            if (exclude == null) {
                if (unexcluded == null) {
                    unexcluded = frame.apply(List.of());
                }
                command = unexcluded;
            } else {
                command = frame.apply(exclude);
            }
            transport.send(gateway, command);
        }
    }
}
