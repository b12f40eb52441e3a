package org.jgateway.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.protocol.GatewayFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent connection fire-and-forget commands to one gateway are written to, in submission order. Commands
 * submitted while it is being (re)opened wait for it, up to a cap; if opening fails they are dropped and counted, as
 * GatewayWorker drops commands to a gateway it is not connected to.
 * <p>
 * Queries to the gateway travel on another connection; {@link #afterCommandsWritten} holds one back until the
 * commands submitted before it are on the wire, so the gateway reads them first (read-your-writes). Only queries pay
 * for that: commands are written as before.
 */
final class CommandConnection extends PooledConnection {

    private static final Logger log = LoggerFactory.getLogger(CommandConnection.class);
    /**
     * How long after a failed connect the next one waits for a command to trigger it: a flood of pushes to a gateway
     * that is down must not become a flood of connects.
     */
    static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ArrayDeque<GatewayFrame> waiting = new ArrayDeque<>();
    /** Tasks of {@link #afterCommandsWritten} waiting for the connection that will write {@link #waiting}. */
    private final ArrayDeque<Runnable> afterWaiting = new ArrayDeque<>();
    private final int maxWaiting;
    private final LongAdder dropped;
    /**
     * Set when connecting failed, cleared once connected: a command then fails at once (the caller learns that the
     * gateway cannot be reached) instead of being queued and dropped later, and a new attempt is made when due.
     */
    private volatile boolean unreachable;
    /** When connecting last failed (on the loop). */
    private long lastFailureNanos;

    CommandConnection(String address, EventLoop loop, GatewayConnector connector, LongAdder dropped) {
        super(address, loop, connector);
        this.maxWaiting = connector.options().maxPendingCommands();
        this.dropped = dropped;
    }

    /**
     * Queues {@code frame} for writing; false (frame dropped and counted) once the pool is closed, or while the
     * gateway cannot be reached (the last attempt to connect failed; another one starts when due).
     */
    boolean send(GatewayFrame frame) {
        if (closed) {
            return false;
        }
        if (unreachable) {
            dropped.increment();
            execute(this::retryIfDue);
            return false;
        }
        boolean accepted = execute(() -> write(frame));
        if (!accepted) {
            dropped.increment();
        }
        return accepted;
    }

    private void write(GatewayFrame frame) {
        Channel open = openChannel();
        if (closed) {
            dropped.increment();
        } else if (open != null) {
            open.writeAndFlush(frame, open.voidPromise());
        } else if (waiting.size() >= maxWaiting) {
            dropped.increment();
            log.warn("Dropping a command to gateway {}: {} commands already wait for the connection", address, maxWaiting);
        } else {
            waiting.add(frame);
            connectIfNeeded();
        }
    }

    /**
     * On the loop: runs {@code then} (on the loop) once every command submitted before has been written to the socket,
     * or dropped. An empty buffer written behind them completes after them, also through TLS.
     */
    void afterCommandsWritten(Runnable then) {
        Channel open = openChannel();
        if (!waiting.isEmpty()) {
            afterWaiting.add(then);
        } else if (open != null) {
            open.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> then.run());
        } else {
            then.run();
        }
    }

    private void runAfterWaiting() {
        Runnable task;
        while ((task = afterWaiting.poll()) != null) {
            task.run();
        }
    }

    @Override
    protected ChannelHandler[] inboundHandlers() {
        return new ChannelHandler[] {new Discarding()};
    }

    /** Another attempt to connect, unless one failed less than {@link #RETRY_AFTER_FAILURE_NANOS} ago. */
    private void retryIfDue() {
        if (unreachable && System.nanoTime() - lastFailureNanos >= RETRY_AFTER_FAILURE_NANOS) {
            connectIfNeeded();
        }
    }

    @Override
    protected void onConnected(Channel ch) {
        unreachable = false;
        GatewayFrame frame;
        while ((frame = waiting.poll()) != null) {
            ch.write(frame, ch.voidPromise());
        }
        if (!afterWaiting.isEmpty()) {
            ch.write(Unpooled.EMPTY_BUFFER).addListener(f -> runAfterWaiting());
        }
    }

    @Override
    protected void onConnectFailed(Throwable cause) {
        lastFailureNanos = System.nanoTime();
        boolean known = unreachable;
        unreachable = true;
        int lost = waiting.size();
        waiting.clear();
        dropped.add(lost);
        if (!known || lost > 0) {
            log.warn("Cannot connect to gateway {} for commands ({}); dropped {} command(s); commands fail at once "
                    + "until it can be reached", address, cause.toString(), lost);
        } else {
            log.debug("Gateway {} still cannot be reached for commands: {}", address, cause.toString());
        }
        runAfterWaiting();
    }

    @Override
    protected void onDisconnected(Channel ch) {
        log.debug("Command connection to gateway {} closed", address);
        // Reconnect at once: if the gateway is gone, the failure marks it unreachable and the next commands fail
        // for their callers instead of vanishing. Commands that arrive meanwhile wait in the queue.
        if (!closed) {
            connectIfNeeded();
        }
    }

    @Override
    protected void onClosed() {
        dropped.add(waiting.size());
        waiting.clear();
        runAfterWaiting();
    }

    /** A gateway sends nothing on a client connection; anything that does arrive is released, failures close it. */
    private final class Discarding extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("Command connection to gateway {} failed: {}", address, cause.toString());
            ctx.close();
        }
    }
}
