package org.jgateway.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.QueryReplyDecoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection queries to one gateway are pipelined on. Replies carry no request id but come back in request
 * order, so written queries wait in a FIFO and each reply completes the oldest. Whenever that order can no longer be
 * trusted (a query timed out, a reply could not be decoded, a reply nobody asked for) the connection is closed and
 * every query waiting on it fails; the next query opens a new connection.
 */
final class QueryConnection extends PooledConnection {

    private static final Logger log = LoggerFactory.getLogger(QueryConnection.class);

    /** Queries submitted while the connection is being opened. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Written queries of the open channel, oldest first. */
    private ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final int maxPending;

    QueryConnection(String address, EventLoop loop, GatewayConnector connector) {
        super(address, loop, connector);
        this.maxPending = connector.options().maxPendingQueries();
    }

    /** A query and its deadline. */
    private static final class Pending {
        final GatewayFrame frame;
        final CompletableFuture<byte[]> result;
        @Nullable ScheduledFuture<?> timer;

        Pending(GatewayFrame frame, CompletableFuture<byte[]> result) {
            this.frame = frame;
            this.result = result;
        }

        void fail(Throwable cause) {
            if (timer != null) {
                timer.cancel(false);
            }
            result.completeExceptionally(cause);
        }
    }

    /**
     * Sends {@code frame} once the commands submitted to {@code commands} (same gateway, same loop) before this call
     * have been written, so the gateway applies them before it answers; the future completes with the reply payload
     * or fails within {@code timeout}.
     */
    CompletableFuture<byte[]> query(GatewayFrame frame, Duration timeout, CommandConnection commands) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Pending query = new Pending(frame, result);
        if (closed || !execute(() -> commands.afterCommandsWritten(() -> submit(query, timeout)))) {
            result.completeExceptionally(new GatewayException("Gateway connection pool is closed"));
        }
        return result;
    }

    private void submit(Pending query, Duration timeout) {
        if (closed) {
            query.fail(new GatewayException("Gateway connection pool is closed"));
            return;
        }
        if (waiting.size() + inFlight.size() >= maxPending) {
            query.fail(new GatewayException(maxPending + " queries already wait for gateway " + address));
            return;
        }
        query.timer = loop.schedule(() -> timedOut(query, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        Channel open = openChannel();
        if (open != null) {
            inFlight.add(query);
            open.writeAndFlush(query.frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            waiting.add(query);
            connectIfNeeded();
        }
    }

    private void timedOut(Pending query, Duration timeout) {
        if (query.result.isDone()) {
            return;
        }
        TimeoutException timeoutException = new TimeoutException(
                "no reply from gateway " + address + " within " + timeout.toMillis() + " ms");
        if (waiting.remove(query)) {
            query.fail(timeoutException);
            return;
        }
        if (inFlight.remove(query)) {
            query.fail(timeoutException);
            // A late reply to this query would be taken for the next one's: start over on a new connection.
            reset(channel, "query connection to gateway " + address + " reset after an earlier query timed out");
        }
    }

    private void replied(Channel ch, byte[] payload) {
        if (ch != channel) {
            return;
        }
        Pending query = inFlight.poll();
        if (query == null) {
            reset(ch, "unexpected reply from gateway " + address);
            return;
        }
        ScheduledFuture<?> timer = query.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        query.result.complete(payload);
    }

    /** Fails every in-flight query of {@code ch} with {@code reason} and closes it. */
    private void reset(@Nullable Channel ch, String reason) {
        if (ch == null) {
            return;
        }
        if (ch == channel) {
            failInFlight(new GatewayException(reason));
            channel = null;
        }
        ch.close();
    }

    private void failInFlight(Throwable cause) {
        ArrayDeque<Pending> failed = inFlight;
        inFlight = new ArrayDeque<>();
        for (Pending query : failed) {
            query.fail(cause);
        }
    }

    @Override
    protected ChannelHandler[] inboundHandlers() {
        return new ChannelHandler[] {new QueryReplyDecoder(connector.options().maxReplyLength()), new Replies()};
    }

    @Override
    protected void onConnected(Channel ch) {
        Pending query;
        while ((query = waiting.poll()) != null) {
            inFlight.add(query);
            ch.write(query.frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    protected void onConnectFailed(Throwable cause) {
        GatewayException failure = new GatewayException("Cannot connect to gateway " + address + ": " + cause, cause);
        Pending query;
        while ((query = waiting.poll()) != null) {
            query.fail(failure);
        }
    }

    @Override
    protected void onDisconnected(Channel ch) {
        if (channel == null && !inFlight.isEmpty()) {
            failInFlight(new GatewayException("Query connection to gateway " + address + " closed"));
        }
    }

    @Override
    protected void onClosed() {
        GatewayException failure = new GatewayException("Gateway connection pool is closed");
        Pending query;
        while ((query = waiting.poll()) != null) {
            query.fail(failure);
        }
        failInFlight(failure);
    }

    /** Hands decoded reply payloads to the FIFO; a decoding failure desynchronises it, so the channel is reset. */
    private final class Replies extends SimpleChannelInboundHandler<byte[]> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, byte[] payload) {
            replied(ctx.channel(), payload);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("Query connection to gateway {} failed: {}", address, cause.toString());
            reset(ctx.channel(), "bad reply from gateway " + address + ": " + cause.getMessage());
        }
    }
}
