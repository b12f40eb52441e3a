package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.Payloads;

/**
 * Which connections of one generator received the message of one phase of the {@code scale} scenario (each counted
 * once), per target gateway, and when the first and the last arrived ({@link System#nanoTime()}: CLOCK_MONOTONIC on
 * Linux, comparable between the processes of one machine). Called on the connections' event loops.
 */
final class Delivery {

    private final byte[] prefix;
    private final boolean namesConnection;
    private final int firstIndex;
    private final int targets;
    private final AtomicIntegerArray seen;
    private final LongAdder[] perTarget;
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder misrouted = new LongAdder();
    private final LongAccumulator first = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator last = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final CountDownLatch all;
    private final Semaphore window;

    /**
     * @param prefix          what the phase's messages start with
     * @param namesConnection the message is {@code prefix<index>;...} and must reach connection {@code index} (echo)
     * @param count           connections of this generator (indexes {@code firstIndex ..})
     * @param targets         target gateways; connection {@code index} talks to target {@code index % targets}
     * @param expected        how many distinct connections are to receive it
     * @param window          released once per first delivery (bounds the messages in flight), or null
     */
    Delivery(String prefix, boolean namesConnection, int firstIndex, int count, int targets, int expected,
             Semaphore window) {
        this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
        this.namesConnection = namesConnection;
        this.firstIndex = firstIndex;
        this.targets = targets;
        this.seen = new AtomicIntegerArray(count);
        this.perTarget = new LongAdder[targets];
        for (int t = 0; t < targets; t++) {
            perTarget[t] = new LongAdder();
        }
        this.all = new CountDownLatch(expected);
        this.window = window;
    }

    /** Takes a message if it belongs to this phase; false when it does not (an unexpected message). */
    boolean offer(BenchConnection connection, ByteBuf payload) {
        if (!Payloads.startsWith(payload, prefix)) {
            return false;
        }
        long now = System.nanoTime();
        if (namesConnection && namedIndex(payload) != connection.index()) {
            misrouted.increment();
            return true;
        }
        if (seen.compareAndSet(connection.index() - firstIndex, 0, 1)) {
            perTarget[connection.index() % targets].increment();
            first.accumulate(now);
            last.accumulate(now);
            all.countDown();
            if (window != null) {
                window.release();
            }
        } else {
            duplicates.increment();
        }
        return true;
    }

    /** Waits until every expected connection received the message, or until {@code deadlineNanos}. */
    boolean await(long deadlineNanos) throws InterruptedException {
        return all.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Connections that received it, by target. */
    long[] perTarget() {
        long[] counts = new long[targets];
        for (int t = 0; t < targets; t++) {
            counts[t] = perTarget[t].sum();
        }
        return counts;
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Messages that named another connection than the one they reached. */
    long misrouted() {
        return misrouted.sum();
    }

    /** nanoTime of the first delivery, or -1 when none. */
    long firstNanos() {
        long v = first.get();
        return v == Long.MAX_VALUE ? -1 : v;
    }

    /** nanoTime of the last delivery, or -1 when none. */
    long lastNanos() {
        long v = last.get();
        return v == Long.MIN_VALUE ? -1 : v;
    }

    private int namedIndex(ByteBuf payload) {
        int at = payload.readerIndex() + prefix.length;
        int end = payload.writerIndex();
        int value = 0;
        for (int i = at; i < end; i++) {
            byte b = payload.getByte(i);
            if (b == ';') {
                return value;
            }
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return -1;
    }
}
