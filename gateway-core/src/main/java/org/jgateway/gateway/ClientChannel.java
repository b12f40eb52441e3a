package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jgateway.gateway.listener.ClientPipeline;
import org.jgateway.transport.SendBatch;
import org.jgateway.transport.WriteBatcher;

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

    private static final AtomicIntegerFieldUpdater<ClientChannel> SLOW_CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(ClientChannel.class, "slowClosed");

    private final Channel channel;
    private final WriteBatcher writer;
    private final ClientMessageEncoder encoder;
    private final SlowConsumerPolicy policy;
    private final GatewayStats stats;
    private volatile int slowClosed;
    /** Set on the event loop once reading stopped for good. */
    private boolean readingStopped;

    ClientChannel(Channel channel, ClientMessageEncoder encoder, SlowConsumerPolicy policy, GatewayStats stats) {
        this.channel = channel;
        this.writer = new WriteBatcher(channel, encodedBytesEntry(channel));
        this.encoder = encoder;
        this.policy = policy;
        this.stats = stats;
    }

    /**
     * Where the client's messages, already encoded for its protocol, enter the pipeline: below the protocol handlers,
     * which would only pass them on (a pipeline walk and a type check each, per message). With TLS they must still go
     * through the {@code SslHandler}, so through the whole pipeline.
     */
    private static ChannelOutboundInvoker encodedBytesEntry(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandlerContext first = pipeline.firstContext();
        return first == null || pipeline.get(SslHandler.class) != null ? channel : first;
    }

    @Override
    public ClientMessageEncoder encoder() {
        return encoder;
    }

    @Override
    public void send(ByteBuf bytes) {
        if (accept(bytes)) {
            writer.write(bytes);
        }
    }

    @Override
    public void send(ByteBuf bytes, SendBatch batch) {
        if (accept(bytes)) {
            writer.write(bytes, batch);
        }
    }

    /** Whether {@code bytes} may be queued: not when the client is gone or over its buffer (released, counted). */
    private boolean accept(ByteBuf bytes) {
        if (!channel.isActive()) {
            bytes.release();
            stats.sendDroppedClosed.increment();
            return false;
        }
        if (!channel.isWritable() || writer.queuedBytes() >= channel.bytesBeforeUnwritable()) {
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
        return true;
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
            writer.flushQueued();
            channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        });
    }

    @Override
    public void goingAway() {
        ClientPipeline.goingAway(channel);
    }

    @Override
    public void destroy() {
        channel.close();
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public Future<Void> closeFuture() {
        return channel.closeFuture();
    }

    @Override
    public boolean pauseReading() {
        if (!channel.config().isAutoRead()) {
            return false;
        }
        channel.config().setAutoRead(false);
        return true;
    }

    @Override
    public void resumeReading() {
        EventLoop loop = channel.eventLoop();
        if (!loop.inEventLoop()) {
            // On the loop, where stopReading runs: a resume cannot undo a stop that came first.
            try {
                loop.execute(this::resumeReading);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down, and the client with it.
            }
            return;
        }
        if (!readingStopped) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void stopReading() {
        readingStopped = true;
        channel.config().setAutoRead(false);
    }

    @Override
    public long pendingBytes() {
        long[] outbound = {0};
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer != null) {
            try {
                buffer.forEachFlushedMessage(message -> {
                    if (message instanceof ByteBuf buf) {
                        outbound[0] += buf.readableBytes();
                    }
                    return true;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return writer.queuedBytes() + outbound[0];
    }
}
