package org.jgateway.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.client.GatewayClient;

/**
 * Pushes numbered broadcasts {@code b:<seq>:<padding>} to every client of a gateway through the Gateway API (as
 * an application server would), at a steady rate.
 */
final class Broadcaster implements AutoCloseable {

    private final GatewayClient api;
    private final String padding;
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    Broadcaster(String gatewayAddress, int messageSize) {
        api = GatewayClient.builder().gatewayAddresses(gatewayAddress).build();
        padding = "x".repeat(messageSize);
    }

    /** Sends {@code total} broadcasts, {@code perTick} every 10 ms, and waits until all were handed to the API. */
    void broadcast(int total, int perTick, Duration atMost) {
        timer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && sent.get() < total; i++) {
                api.sendToAll("b:" + sent.incrementAndGet() + ":" + padding);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        await().atMost(atMost).until(() -> sent.get() >= total);
        timer.shutdown();
    }

    GatewayClient api() {
        return api;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        api.close();
    }
}
