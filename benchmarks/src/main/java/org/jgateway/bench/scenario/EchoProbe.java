package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;
import org.jgateway.bench.client.MessageListener;
import org.jgateway.bench.client.Payloads;
import org.jgateway.bench.client.Target;

/**
 * Waits until a gateway serves: one connection whose message comes back echoed, i.e. a worker is connected to it.
 * Freshly started gateways and workers find each other through the register within a few seconds.
 */
final class EchoProbe {

    private static final byte[] PROBE = "probe;".getBytes(StandardCharsets.US_ASCII);

    private EchoProbe() {
    }

    /** Retries once a second until {@code target} echoes or {@code timeoutSeconds} pass; false on time-out. */
    static boolean awaitServed(Target target, double timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        try (ClientFactory factory = new ClientFactory(target, 1)) {
            while (System.nanoTime() < deadline) {
                if (echoes(factory)) {
                    return true;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
        return false;
    }

    private static boolean echoes(ClientFactory factory) throws InterruptedException {
        CountDownLatch echoed = new CountDownLatch(1);
        MessageListener listener = (BenchConnection c, ByteBuf payload) -> {
            if (Payloads.startsWith(payload, PROBE)) {
                echoed.countDown();
            }
        };
        Connections.Opened opened = Connections.open(factory, 1, 0, null, 1, i -> listener, 10);
        if (opened.ready().isEmpty()) {
            return false;
        }
        try {
            opened.ready().get(0).send(PROBE);
            return echoed.await(3, TimeUnit.SECONDS);
        } finally {
            Connections.closeAll(opened.ready());
        }
    }
}
