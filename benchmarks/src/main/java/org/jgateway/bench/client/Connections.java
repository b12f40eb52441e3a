package org.jgateway.bench.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Opens many connections with a bounded number of handshakes in flight (so a burst of SYNs does not overflow the
 * server's accept backlog) and waits until each one is ready or failed.
 */
public final class Connections {

    /** The connections that became ready (in completion order), how many failed, and how long opening took. */
    public record Opened(List<BenchConnection> ready, int failed, long nanos) {

        /** Connections made ready per second. */
        public double rate() {
            return nanos <= 0 ? 0 : ready.size() * 1e9 / nanos;
        }
    }

    private Connections() {
    }

    /**
     * Opens connections {@code firstIndex .. firstIndex + count - 1} to the factory's target, at most
     * {@code maxPending} handshakes at a time, and waits (at most {@code timeoutSeconds}) until each is ready or failed.
     */
    public static Opened open(ClientFactory factory, int count, int firstIndex, SourceAddresses sources,
                              int maxPending, IntFunction<MessageListener> listeners, long timeoutSeconds)
            throws InterruptedException {
        return open(i -> factory, count, firstIndex, sources, maxPending, listeners, timeoutSeconds);
    }

    /** Like {@link #open(ClientFactory, int, int, SourceAddresses, int, IntFunction, long)}, connection i opened by factory i. */
    public static Opened open(IntFunction<ClientFactory> factories, int count, int firstIndex, SourceAddresses sources,
                              int maxPending, IntFunction<MessageListener> listeners, long timeoutSeconds)
            throws InterruptedException {
        List<BenchConnection> ready = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        Semaphore pending = new Semaphore(maxPending);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < count; i++) {
            if (!pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int index = firstIndex + i;
            BenchConnection c = factories.apply(index).connect(index, sources == null ? null : sources.forIndex(index),
                    listeners.apply(index));
            c.ready().addListener(f -> {
                if (f.isSuccess()) {
                    ready.add(c);
                } else {
                    failed.incrementAndGet();
                }
                pending.release();
                done.countDown();
            });
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long nanos = System.nanoTime() - start;
        int missing = (int) done.getCount();
        synchronized (ready) {
            return new Opened(new ArrayList<>(ready), failed.get() + missing, nanos);
        }
    }

    /** Closes all and waits (bounded) for the closes to complete. */
    public static void closeAll(List<BenchConnection> connections) {
        CountDownLatch closed = new CountDownLatch(connections.size());
        for (BenchConnection c : connections) {
            c.close().addListener(f -> closed.countDown());
        }
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
