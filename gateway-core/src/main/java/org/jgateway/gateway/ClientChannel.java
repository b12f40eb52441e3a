package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import org.jgateway.transport.SendBatch;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The Netty side of one client connection. The channel's high write-buffer water mark is the client's
 * {@code send-to-client-buffer-size}: a message arriving while the channel (plus what is queued for it) is over it
 * meets the {@link SlowConsumerPolicy}, so a client that stops reading costs at most about that much memory.
 * <p>
 * Writes are batched: messages from other threads (worker connections, handler threads, broadcasts) go to a small
 * queue, and one task on the channel's event loop writes everything queued and flushes once. Messages that pile up
 * for a client before that task runs leave in one write.
 */
final class ClientChannel implements ClientSink {

    private static final AtomicIntegerFieldUpdater<ClientChannel> DRAIN_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(ClientChannel.class, "drainScheduled");
    private static final AtomicLongFieldUpdater<ClientChannel> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(ClientChannel.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<ClientChannel> SLOW_CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(ClientChannel.class, "slowClosed");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<ClientChannel, Queue> QUEUE =
            AtomicReferenceFieldUpdater.newUpdater(ClientChannel.class, Queue.class, "queue");

    /** Queue chunk size: a client rarely has more than a few messages waiting for its event loop. */
    private static final int QUEUE_CHUNK = 16;

    private final Channel channel;
    private final ClientMessageEncoder encoder;
    private final SlowConsumerPolicy policy;
    private final GatewayStats stats;
    private final Runnable drain = this::drain;
    private volatile int drainScheduled;
    private volatile int slowClosed;
    private volatile long queuedBytes;
    // Created on the first send: most connections of a push service never receive anything.
    private volatile Queue<ByteBuf> queue;

    ClientChannel(Channel channel, ClientMessageEncoder encoder, SlowConsumerPolicy policy, GatewayStats stats) {
        this.channel = channel;
        this.encoder = encoder;
        this.policy = policy;
        this.stats = stats;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public ClientMessageEncoder encoder() {
        return encoder;
    }

    @Override
    public void send(ByteBuf bytes) {
        if (enqueue(bytes) && DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(drain);
        }
    }

    @Override
    public void send(ByteBuf bytes, SendBatch batch) {
        if (enqueue(bytes) && DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
            batch.add(channel.eventLoop(), drain);
        }
    }

    /** Queues {@code bytes} unless the client is gone or over its buffer (policy applied, counted); false then. */
    private boolean enqueue(ByteBuf bytes) {
        if (!channel.isActive()) {
            bytes.release();
            stats.sendDroppedClosed.increment();
            return false;
        }
        if (!channel.isWritable() || queuedBytes >= channel.bytesBeforeUnwritable()) {
            bytes.release();
            if (policy == SlowConsumerPolicy.CLOSE) {
                // The close completes on the event loop; messages arriving meanwhile must not count the client again.
                if (SLOW_CLOSED.compareAndSet(this, 0, 1)) {
                    stats.clientsClosedSlowConsumer.increment();
                    channel.close();
                } else {
                    stats.sendDroppedClosed.increment();
                }
            } else {
                stats.sendDroppedSlowConsumer.increment();
            }
            return false;
        }
        QUEUED_BYTES.addAndGet(this, bytes.readableBytes());
        queue().add(bytes);
        return true;
    }

    @SuppressWarnings("unchecked")
    private Queue<ByteBuf> queue() {
        Queue<ByteBuf> q = queue;
        if (q == null) {
            // Small chunks: the default chunk (1024 slots, ~4 KB) per client would dwarf the rest of its state.
            QUEUE.compareAndSet(this, null, PlatformDependent.newMpscQueue(QUEUE_CHUNK, 1 << 30));
            q = queue;
        }
        return q;
    }

    /** On the event loop: write what is queued, flush once. */
    private void drain() {
        // Reset first: a message queued from now on schedules another drain, so none is left behind.
        drainScheduled = 0;
        Queue<ByteBuf> q = queue;
        if (q == null) {
            return;
        }
        ByteBuf bytes;
        long written = 0;
        while ((bytes = q.poll()) != null) {
            written += bytes.readableBytes();
            // On a closed channel the write fails and Netty releases the buffer.
            channel.write(bytes, channel.voidPromise());
        }
        if (written > 0) {
            QUEUED_BYTES.addAndGet(this, -written);
            channel.flush();
        }
    }

    @Override
    public void close(ByteBuf goodbye) {
        // Closing after a write queued behind everything sent before lets those messages reach the client first.
        ByteBuf last = goodbye != null ? goodbye : Unpooled.EMPTY_BUFFER;
        if (!channel.isActive()) {
            last.release();
            return;
        }
        channel.eventLoop().execute(() -> {
            drain();
            channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        });
    }

    @Override
    public void destroy() {
        channel.close();
    }
}
