package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The Netty side of one client connection. The channel's high write-buffer water mark is the client's
 * {@code send-to-client-buffer-size}: a message arriving while the channel is not writable meets the
 * {@link SlowConsumerPolicy}, so a client that stops reading costs at most that much memory.
 * <p>
 * Flushes are batched: a broadcast writes to each member and schedules one flush per member, and messages that
 * pile up for a member before its flush runs go out in one write.
 */
final class ClientChannel implements ClientSink {

    private static final AtomicIntegerFieldUpdater<ClientChannel> FLUSH_PENDING =
            AtomicIntegerFieldUpdater.newUpdater(ClientChannel.class, "flushPending");

    private final Channel channel;
    private final ClientMessageEncoder encoder;
    private final SlowConsumerPolicy policy;
    private final GatewayStats stats;
    private final Runnable flush = this::flush;
    private volatile int flushPending;

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
        if (!channel.isActive()) {
            bytes.release();
            stats.sendDroppedClosed.increment();
            return;
        }
        if (!channel.isWritable()) {
            bytes.release();
            if (policy == SlowConsumerPolicy.CLOSE) {
                stats.clientsClosedSlowConsumer.increment();
                channel.close();
            } else {
                stats.sendDroppedSlowConsumer.increment();
            }
            return;
        }
        // Writes now, flushes once per burst: messages that arrive before the flush task runs share one syscall.
        channel.write(bytes, channel.voidPromise());
        if (FLUSH_PENDING.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(flush);
        }
    }

    private void flush() {
        flushPending = 0;
        channel.flush();
    }

    @Override
    public void close(ByteBuf goodbye) {
        // Closing after an (empty) write lets everything queued before the kick reach the client first.
        ByteBuf last = goodbye != null ? goodbye : Unpooled.EMPTY_BUFFER;
        if (!channel.isActive()) {
            last.release();
            return;
        }
        channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void destroy() {
        channel.close();
    }
}
