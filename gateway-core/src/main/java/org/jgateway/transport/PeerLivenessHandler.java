package org.jgateway.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection whose peer stopped answering while the connection stays open: a process stopped with SIGSTOP,
 * a frozen VM, a network path that drops everything. The kernel keeps such a connection up, and even acknowledges
 * data until the buffers fill, so only the application can tell.
 * <p>
 * Added once both ends agreed on the timeout, it sends the peer's keep-alive every quarter of it, so a live peer is
 * never silent for long, and closes the connection once nothing at all was read for the timeout. Two silences are
 * not the peer's and do not count: while reading is paused (backpressure: we chose not to read), and a check that
 * runs far behind its time (our own process was stopped or paused; the peer gets a full timeout from now).
 * <p>
 * Runs on the channel's event loop; the callback given runs there once, just before the close.
 */
public final class PeerLivenessHandler extends ChannelInboundHandlerAdapter {

    /** The name this handler takes in a pipeline. */
    public static final String NAME = "liveness";

    /** Keep-alives per timeout: a peer misses three in a row before it counts as stalled. */
    static final int PINGS_PER_TIMEOUT = 4;

    private final long timeoutNanos;
    private final long pingIntervalNanos;
    private final Object ping;
    private final Runnable stalled;

    private long lastReadNanos;
    private long checkDueNanos;
    private @Nullable ScheduledFuture<?> pingTask;
    private @Nullable ScheduledFuture<?> checkTask;

    /**
     * @param timeout how long the peer may stay silent
     * @param ping the keep-alive message written to the peer (through the handlers before this one): an immutable
     *        message object, written again each time
     * @param stalled counts and logs the detection; runs once, before the connection is closed
     */
    public PeerLivenessHandler(Duration timeout, Object ping, Runnable stalled) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.pingIntervalNanos = timeoutNanos / PINGS_PER_TIMEOUT;
        this.ping = Objects.requireNonNull(ping, "ping");
        this.stalled = Objects.requireNonNull(stalled, "stalled");
    }

    /** The interval of the keep-alives we send for a timeout: a quarter of it. */
    public static Duration pingInterval(Duration timeout) {
        return timeout.dividedBy(PINGS_PER_TIMEOUT);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastReadNanos = now(ctx);
        pingTask = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), pingIntervalNanos, pingIntervalNanos,
                TimeUnit.NANOSECONDS);
        scheduleCheck(ctx, timeoutNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = now(ctx);
        ctx.fireChannelRead(msg);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(ping, ctx.voidPromise());
        }
    }

    private void check(ChannelHandlerContext ctx) {
        checkTask = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = now(ctx);
        if (!ctx.channel().config().isAutoRead()) {
            // Checked often while paused, so that reading resumes with at most one interval counted against the peer.
            lastReadNanos = now;
            scheduleCheck(ctx, pingIntervalNanos);
            return;
        }
        if (now - checkDueNanos > pingIntervalNanos) {
            lastReadNanos = now;
        }
        long silent = now - lastReadNanos;
        if (silent >= timeoutNanos) {
            cancel();
            stalled.run();
            ctx.close();
            return;
        }
        scheduleCheck(ctx, timeoutNanos - silent);
    }

    private void scheduleCheck(ChannelHandlerContext ctx, long delayNanos) {
        checkDueNanos = now(ctx) + delayNanos;
        checkTask = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        if (checkTask != null) {
            checkTask.cancel(false);
            checkTask = null;
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
