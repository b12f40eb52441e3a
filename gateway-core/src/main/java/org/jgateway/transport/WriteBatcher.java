package org.jgateway.transport;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Writes to one channel from any thread with one flush per burst: messages go to a queue, and a single task on the
 * channel's event loop writes everything queued, then flushes once. A busy channel so sends many messages per
 * syscall, and the writers never wait for the loop. Order is kept per writing thread.
 * <p>
 * {@link #write(Object, SendBatch)} leaves scheduling the flush task to the batch, so a broadcast wakes each event
 * loop once instead of once per member.
 */
public final class WriteBatcher {

    private static final AtomicIntegerFieldUpdater<WriteBatcher> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(WriteBatcher.class, "scheduled");

    private final Channel channel;
    private final Queue<Object> queue = PlatformDependent.newMpscQueue();
    private final Runnable drain = this::drain;
    private volatile int scheduled;

    public WriteBatcher(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code message} (ownership passes to the channel) and makes sure a flush follows. */
    public void write(Object message) {
        queue.add(message);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(drain);
        }
    }

    /** Queues {@code message}; the flush task is handed to {@code batch}, which schedules it when it is flushed. */
    public void write(Object message, SendBatch batch) {
        queue.add(message);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            batch.add(channel.eventLoop(), drain);
        }
    }

    /** On the event loop: write what is queued, flush once. */
    private void drain() {
        // Reset first: a message queued from now on schedules another drain, so none is left behind.
        scheduled = 0;
        Object message;
        boolean wrote = false;
        while ((message = queue.poll()) != null) {
            // On a closed channel the write fails (releasing the message) and the failure reaches exceptionCaught,
            // where the channel's handler counts it.
            channel.write(message, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
