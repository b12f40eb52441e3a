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
import org.jgateway.bench.client.SourceAddresses;

/**
 * Opens and holds a batch of idle connections, optionally each bound to a uid {@code u<i>} and joined to group
 * {@code g<i % 100>} (waiting for both replies). Used in-process by {@code conns} and by its child processes.
 */
final class ConnsHolder {

    private static final byte[] BOUND = "{\"type\":\"bound\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOINED = "{\"type\":\"joined\"".getBytes(StandardCharsets.US_ASCII);

    private ConnsHolder() {
    }

    /** What a batch achieved: connections ready, failures, and connect time in ns (including bind and join). */
    record Batch(Connections.Opened opened, int failed, long nanos) {
    }

    static Batch open(ClientFactory factory, int count, int firstIndex, SourceAddresses sources, boolean bindJoin)
            throws InterruptedException {
        CountDownLatch replies = new CountDownLatch(bindJoin ? 2 * count : 0);
        MessageListener listener = (BenchConnection c, ByteBuf payload) -> {
            if (Payloads.startsWith(payload, BOUND) || Payloads.startsWith(payload, JOINED)) {
                replies.countDown();
            }
        };
        long start = System.nanoTime();
        Connections.Opened opened = Connections.open(factory, count, firstIndex, sources, 512, i -> listener, 600);
        int failed = opened.failed();
        if (bindJoin) {
            for (BenchConnection c : opened.ready()) {
                int i = c.index();
                c.send(("{\"type\":\"bind\",\"uid\":\"u" + i + "\"}").getBytes(StandardCharsets.US_ASCII));
                c.send(("{\"type\":\"join\",\"group\":\"g" + (i % 100) + "\"}").getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < 2 * failed; i++) {
                replies.countDown();
            }
            if (!replies.await(300, TimeUnit.SECONDS)) {
                failed += (int) ((replies.getCount() + 1) / 2);
            }
        }
        return new Batch(opened, failed, System.nanoTime() - start);
    }
}
