package org.jgateway.gateway;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples, at a fixed period, the bytes every client of a listener holds in the gateway (queued plus in its outbound
 * buffer, read on the client's event loop), and keeps the largest sample: the memory a slow consumer really costs
 * while messages flow, not what is left once it is gone.
 */
public final class ClientBacklogSampler implements AutoCloseable {

    private final ListenerStatus listener;
    private final AtomicLong largest = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "client-backlog-sampler");
        t.setDaemon(true);
        return t;
    });

    private ClientBacklogSampler(ListenerStatus listener) {
        this.listener = listener;
    }

    public static ClientBacklogSampler start(ListenerStatus listener, Duration period) {
        ClientBacklogSampler sampler = new ClientBacklogSampler(listener);
        sampler.timer.scheduleWithFixedDelay(sampler::sample, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return sampler;
    }

    /** The largest backlog any client had in a sample so far, in bytes. */
    public long largest() {
        return largest.get();
    }

    private void sample() {
        for (ClientConnection client : listener.clientConnections()) {
            ClientSink sink = client.sink();
            try {
                Future<Long> pending = sink.eventLoop().submit(sink::pendingBytes);
                if (pending.awaitUninterruptibly().isSuccess()) {
                    largest.accumulateAndGet(pending.getNow(), Math::max);
                }
            } catch (RejectedExecutionException e) {
                // The gateway is shutting down: nothing left to sample.
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
