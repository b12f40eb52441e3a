package org.jgateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * Writes to one channel from any thread with one flush per burst: messages go to a queue, and a single task on the
 * channel's event loop writes everything queued, then flushes once. A busy channel so sends many messages per
 * syscall, and the writers never wait for the loop. Order is kept per writing thread.
 * <p>
 * {@link #write(Object, SendBatch)} leaves scheduling the flush task to the batch, so a broadcast wakes each event
 * loop once instead of once per member. The bytes of queued {@link ByteBuf}s are counted ({@link #queuedBytes()}):
 * they are memory held for the channel just like its outbound buffer.
 */
public final class WriteBatcher {

    private static final AtomicIntegerFieldUpdater<WriteBatcher> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(WriteBatcher.class, "scheduled");
    private static final AtomicLongFieldUpdater<WriteBatcher> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(WriteBatcher.class, "queuedBytes");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<WriteBatcher, Queue> QUEUE =
            AtomicReferenceFieldUpdater.newUpdater(WriteBatcher.class, Queue.class, "queue");

    private final Channel channel;
    private final ChannelOutboundInvoker out;
    private final Runnable drain = this::flushQueued;
    private volatile int scheduled;
    private volatile long queuedBytes;
    // Created on the first write (many clients of a push service never receive anything). A linked queue: 48 bytes
    // while empty, which every idle client is most of the time; an array queue (JCTools MPSC, padded against false
    // sharing) keeps ~600 bytes per client forever once created, more than the rest of its state together.
    private volatile @Nullable Queue<Object> queue;

    public WriteBatcher(Channel channel) {
        this(channel, channel);
    }

    /**
     * Writes through {@code out}: the channel (the whole pipeline), or a context of its pipeline when the messages
     * are already encoded and the handlers above that context would only pass them on.
     */
    public WriteBatcher(Channel channel, ChannelOutboundInvoker out) {
        this.channel = channel;
        this.out = out;
    }

    /** Queues {@code message} (ownership passes to the channel) and makes sure a flush follows. */
    public void write(Object message) {
        enqueue(message);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(drain);
        }
    }

    /** Queues {@code message}; the flush task is handed to {@code batch}, which schedules it when it is flushed. */
    public void write(Object message, SendBatch batch) {
        enqueue(message);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            batch.add(channel.eventLoop(), drain);
        }
    }

    /** Bytes of the buffers queued and not yet handed to the channel. */
    public long queuedBytes() {
        return queuedBytes;
    }

    private void enqueue(Object message) {
        if (message instanceof ByteBuf buf) {
            QUEUED_BYTES.addAndGet(this, buf.readableBytes());
        }
        queue().add(message);
    }

    @SuppressWarnings("unchecked")
    private Queue<Object> queue() {
        Queue<Object> q = queue;
        if (q == null) {
            Queue<Object> created = new ConcurrentLinkedQueue<>();
            // Lost the race: another thread's queue is there.
            q = QUEUE.compareAndSet(this, null, created) ? created : Objects.requireNonNull(queue);
        }
        return q;
    }

    /** On the event loop: writes what is queued and flushes once (the scheduled task; also callable directly). */
    public void flushQueued() {
        // Reset first: a message queued from now on schedules another drain, so none is left behind.
        scheduled = 0;
        Queue<Object> q = queue;
        if (q == null) {
            return;
        }
        Object message;
        long bytes = 0;
        boolean wrote = false;
        while ((message = q.poll()) != null) {
            if (message instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
            }
            // On a closed channel the write fails (releasing the message) and the failure reaches exceptionCaught,
            // where the channel's handler counts it.
            out.write(message, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            QUEUED_BYTES.addAndGet(this, -bytes);
            out.flush();
        }
    }
}
