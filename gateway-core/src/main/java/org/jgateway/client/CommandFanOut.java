package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jgateway.protocol.GatewayFrame;

/**
 * Sends a broadcast command to the gateways that have recipients, minus the connections excluded on each; and makes
 * sure a push never vanishes: when the cluster has no gateway to take it (none known, or none of those it went to
 * reachable) it fails with a {@link GatewayException} and is counted.
 */
final class CommandFanOut {

    private final GatewayTransport transport;
    private final LongAdder failed = new LongAdder();

    CommandFanOut(GatewayTransport transport) {
        this.transport = transport;
    }

    /**
     * @param what              the call, for the exception ({@code "sendToAll"})
     * @param gateways          the gateways to send to (the cluster engine's owners among {@link #known})
     * @param excludedByGateway connection ids not to send to, per gateway address
     * @param frame             the command for a gateway, given what is excluded there (an empty list: nothing)
     * @throws GatewayException when no gateway is known, or none of {@code gateways} could be reached
     */
    void send(String what, Collection<String> gateways, Map<String, List<Long>> excludedByGateway,
            Function<List<Long>, GatewayFrame> frame) {
        // One frame serves every gateway with nothing to exclude; only the others need their own.
        GatewayFrame unexcluded = null;
        int reached = 0;
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
            if (transport.send(gateway, command)) {
                reached++;
            }
        }
        requireReached(what, gateways, reached);
    }

    /** Sends the same {@code frame} to each of {@code gateways}; fails as {@link #send} does. */
    void sendToEach(String what, Collection<String> gateways, GatewayFrame frame) {
        int reached = 0;
        for (String gateway : gateways) {
            if (transport.send(gateway, frame)) {
                reached++;
            }
        }
        requireReached(what, gateways, reached);
    }

    /**
     * Sends each gateway its own frame (recipients named by client_id, so their gateways are known without the
     * registers); fails as {@link #send} does when none of them could be reached.
     */
    void sendEach(String what, Map<String, GatewayFrame> frames) {
        int reached = 0;
        for (Map.Entry<String, GatewayFrame> entry : frames.entrySet()) {
            if (transport.send(entry.getKey(), entry.getValue())) {
                reached++;
            }
        }
        requireReached(what, frames.keySet(), reached);
    }

    /** Pushes that failed because no gateway could take them. */
    long failed() {
        return failed.sum();
    }

    /**
     * The gateways the cluster knows, for a push: with none it would go nowhere, so it fails.
     *
     * @throws GatewayException when no gateway is known (none announced, or no register reachable), counted
     */
    Collection<String> known(String what) {
        Collection<String> gateways;
        try {
            gateways = transport.gatewayAddresses();
        } catch (GatewayException e) {
            failed.increment();
            throw new GatewayException(what + ": " + e.getMessage() + "; the message was not sent", e);
        }
        if (gateways.isEmpty()) {
            failed.increment();
            throw new GatewayException(what + ": no gateway is known (none announced to the registers, or no register"
                    + " can be reached); the message was not sent");
        }
        return gateways;
    }

    /** Gateways to send to that took nothing: the push is lost unless the caller learns it. */
    private void requireReached(String what, Collection<String> gateways, int reached) {
        if (reached == 0 && !gateways.isEmpty()) {
            failed.increment();
            throw new GatewayException(what + ": no gateway could be reached (" + String.join(", ", gateways)
                    + "); the message was not sent");
        }
    }
}
