package org.jgateway.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.IntPredicate;
import org.jgateway.client.GatewayClient;

/**
 * Pushes numbered broadcasts {@code b:<seq>:<padding>} to every client of a gateway through the Gateway API (as
 * an application server would).
 */
final class Broadcaster implements AutoCloseable {

    private final GatewayClient api;
    private final String padding;
    private int sent;

    Broadcaster(String gatewayAddress, int messageSize) {
        api = GatewayClient.builder().gatewayAddresses(gatewayAddress).build();
        padding = "x".repeat(messageSize);
    }

    /**
     * Sends {@code total} broadcasts in steps of {@code step}; before each next step waits (up to {@code stepTimeout})
     * until {@code delivered} holds for the number sent so far. Paced by delivery, not by the clock: however slowly a
     * loaded machine schedules the receivers, they are never more than one step behind.
     */
    void broadcastInSteps(int total, int step, IntPredicate delivered, Duration stepTimeout) {
        while (sent < total) {
            for (int i = 0; i < step && sent < total; i++) {
                api.sendToAll("b:" + ++sent + ":" + padding);
            }
            int target = sent;
            await().atMost(stepTimeout).pollInterval(Duration.ofMillis(5)).until(() -> delivered.test(target));
        }
    }

    GatewayClient api() {
        return api;
    }

    @Override
    public void close() {
        api.close();
    }
}
