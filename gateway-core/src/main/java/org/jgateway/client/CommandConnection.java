package org.jgateway.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
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

    private final ArrayDeque<GatewayFrame> waiting = new ArrayDeque<>();
    /** Tasks of {@link #afterCommandsWritten} waiting for the connection that will write {@link #waiting}. */
    private final ArrayDeque<Runnable> afterWaiting = new ArrayDeque<>();
    private final int maxWaiting;
    private final LongAdder dropped;

    CommandConnection(String address, EventLoop loop, GatewayConnector connector, LongAdder dropped) {
        super(address, loop, connector);
        this.maxWaiting = connector.options().maxPendingCommands();
        this.dropped = dropped;
    }

    /** Queues {@code frame} for writing; false (frame dropped) once the pool is closed. */
    boolean send(GatewayFrame frame) {
        if (closed) {
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

    @Override
    protected void onConnected(Channel ch) {
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
        int lost = waiting.size();
        waiting.clear();
        dropped.add(lost);
        log.warn("Cannot connect to gateway {} for commands ({}); dropped {} command(s)", address, cause.toString(), lost);
        runAfterWaiting();
    }

    @Override
    protected void onDisconnected(Channel ch) {
        log.debug("Command connection to gateway {} closed", address);
        // Commands that arrive meanwhile wait in the queue and trigger a reconnect.
        if (!waiting.isEmpty() && !closed) {
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
