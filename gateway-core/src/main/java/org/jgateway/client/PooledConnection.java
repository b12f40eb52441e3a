package org.jgateway.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.RejectedExecutionException;
import org.jgateway.protocol.GatewayFrame;
import org.jspecify.annotations.Nullable;

/**
 * One lazily opened, automatically reopened connection of the pool to one gateway. All state lives on one event loop
 * (every method runs there), so ordering needs no locks: what is written is written in the order it was submitted.
 * A new connection sends the authentication frame before anything else.
 */
abstract class PooledConnection {

    protected final String address;
    protected final EventLoop loop;
    protected final GatewayConnector connector;

    /** The open channel, or null while none is. */
    protected @Nullable Channel channel;
    protected boolean connecting;
    /** Written on the loop, read by callers to refuse work early. */
    protected volatile boolean closed;

    PooledConnection(String address, EventLoop loop, GatewayConnector connector) {
        this.address = address;
        this.loop = loop;
        this.connector = connector;
    }

    /** The handlers after the frame encoder of a new channel (created per channel). */
    protected abstract ChannelHandler[] inboundHandlers();

    /** The channel is open and the auth frame written (not flushed): write what waited, the caller flushes. */
    protected abstract void onConnected(Channel ch);

    /** Connecting failed: nothing was written. */
    protected abstract void onConnectFailed(Throwable cause);

    /** {@code ch}, once {@link #channel}, closed. */
    protected abstract void onDisconnected(Channel ch);

    /** Fails or drops whatever waits, at pool close. */
    protected abstract void onClosed();

    /** Runs {@code task} on the loop; false if the loop no longer accepts tasks. */
    protected final boolean execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Whether a channel is open for writing now. */
    protected final boolean isOpen() {
        return openChannel() != null;
    }

    /** The channel while it is open, else null. */
    protected final @Nullable Channel openChannel() {
        Channel ch = channel;
        return ch != null && ch.isActive() ? ch : null;
    }

    /** Starts a connection unless one is being established. */
    protected final void connectIfNeeded() {
        if (connecting || closed) {
            return;
        }
        connecting = true;
        ChannelFuture future;
        try {
            future = connector.connect(address, loop, this::inboundHandlers);
        } catch (RuntimeException e) {
            connecting = false;
            onConnectFailed(e);
            return;
        }
        future.addListener((ChannelFuture f) -> connected(f));
    }

    private void connected(ChannelFuture future) {
        connecting = false;
        if (!future.isSuccess()) {
            onConnectFailed(future.cause());
            return;
        }
        Channel ch = future.channel();
        if (closed) {
            ch.close();
            return;
        }
        channel = ch;
        ch.closeFuture().addListener(f -> {
            if (channel == ch) {
                channel = null;
            }
            onDisconnected(ch);
        });
        GatewayFrame auth = connector.authFrame();
        if (auth != null) {
            ch.write(auth, ch.voidPromise());
        }
        onConnected(ch);
        ch.flush();
    }

    /** Closes the channel and releases what waits; the returned future completes once that is done. */
    final Future<Void> close() {
        Promise<Void> done = loop.newPromise();
        boolean accepted = execute(() -> {
            closed = true;
            onClosed();
            if (channel != null) {
                channel.close().addListener(f -> done.trySuccess(null));
            } else {
                done.trySuccess(null);
            }
        });
        if (!accepted) {
            done.trySuccess(null);
        }
        return done;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + '{' + address + (isOpen() ? ", open" : ", closed") + '}';
    }
}
