package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jgateway.gateway.listener.ClientPipeline;
import org.jgateway.gateway.listener.MessageRatePolicy;
import org.jgateway.gateway.listener.WebSocketHandshakeFailed;
import org.jgateway.gateway.listener.WebSocketRequest;
import org.jgateway.transport.PeerFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client pipeline: turns the connection's life into events for workers. The protocol
 * handlers above it deliver one {@link ByteBuf} per application message and, for WebSocket, a
 * {@link WebSocketRequest} when the handshake succeeded.
 * <p>
 * A WebSocket client becomes a client (connection id, ON_CONNECT) only once its handshake succeeded, immediately
 * followed by ON_WEBSOCKET_CONNECT: workers keep GatewayWorker's event order, and connections that never complete a
 * handshake (scanners, rejected origins) never reach them.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientChannelHandler.class);

    private final EventForwarder events;
    private final GatewayStats stats;
    private final String listenerName;
    private final Duration halfCloseLinger;
    private final boolean waitForHandshake;
    /** The client's message rate limit, null for none. */
    private final @Nullable TokenBucket messageRate;
    private final MessageRatePolicy messageRatePolicy;
    /** Closed for its message rate: what it still sends is not read. */
    private boolean closedForRate;
    private ClientConnection client;
    /** A connection counts as one protocol error however many ways it fails (a TLS failure is event and exception). */
    private boolean protocolErrorCounted;

    ClientChannelHandler(EventForwarder events, GatewayStats stats, String listenerName, Duration halfCloseLinger,
            boolean waitForHandshake, int maxMessagesPerSecond, MessageRatePolicy messageRatePolicy) {
        this.events = events;
        this.stats = stats;
        this.listenerName = listenerName;
        this.halfCloseLinger = halfCloseLinger;
        this.waitForHandshake = waitForHandshake;
        this.messageRate = maxMessagesPerSecond > 0 ? new TokenBucket(maxMessagesPerSecond, System.nanoTime()) : null;
        this.messageRatePolicy = messageRatePolicy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats.connectionsAccepted.increment();
        if (!waitForHandshake) {
            open(ctx, null);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketRequest request && client == null) {
            open(ctx, request);
        } else if (evt instanceof WebSocketHandshakeFailed failed) {
            handshakeFailed(ctx, failed);
        } else if (evt instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            tlsHandshakeFailed(ctx, tls.cause());
            ctx.fireUserEventTriggered(evt);
        } else if (evt instanceof ChannelInputShutdownEvent) {
            inputShutdown(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void inputShutdown(ChannelHandlerContext ctx) {
        if (waitForHandshake) {
            // A WebSocket client that still wants its replies ends with a Close frame (the protocol handler answers
            // it); a bare FIN means it is gone. Close at once, from the bottom of the pipeline: a Close frame sent
            // now would only draw a reset, and a lingering close would hold the connection for nothing.
            ctx.pipeline().firstContext().close();
            return;
        }
        // The client half-closed after sending (printf … | nc): GatewayWorker destroys it at once and the replies
        // in flight are lost. Keep the output open until the worker has handled what the client sent, so the replies
        // reach it, for at most the linger. Most clients have their replies by the time they shut down: they close
        // at once, instead of each holding its connection and a timer for the whole linger.
        long linger = halfCloseLinger.toMillis();
        if (linger == 0 || client == null) {
            ctx.close();
            return;
        }
        HalfClose halfClose = new HalfClose(client.sink());
        if (events.whenHandled(client, halfClose) && halfClose.closing) {
            return;
        }
        halfClose.lingering(ctx.executor().schedule(() -> ctx.close(), linger, TimeUnit.MILLISECONDS));
    }

    /**
     * Closes a half-closed client behind the replies already queued for it once its worker handled its events, and
     * stops its linger.
     */
    private static final class HalfClose implements Runnable {

        private final ClientSink sink;
        volatile boolean closing;
        private volatile @Nullable Future<?> linger;

        HalfClose(ClientSink sink) {
            this.sink = sink;
        }

        void lingering(Future<?> linger) {
            this.linger = linger;
            if (closing) {
                linger.cancel(false);
            }
        }

        @Override
        public void run() {
            closing = true;
            sink.close(null);
            Future<?> pending = linger;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    private void handshakeFailed(ChannelHandlerContext ctx, WebSocketHandshakeFailed failed) {
        if (failed.isProtocolError()) {
            protocolError(ctx, "WebSocket handshake failed (" + failed.reason() + "): " + failed.detail());
        } else {
            stats.handshakesRefused.increment();
            log.debug("Client {} on listener '{}': WebSocket handshake refused by the filter", ctx.channel().remoteAddress(),
                    listenerName);
        }
    }

    private void tlsHandshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            // Connected and left without a word (port scans, health checks): not a protocol error.
            log.debug("Client {} closed during the TLS handshake", ctx.channel().remoteAddress());
            return;
        }
        protocolError(ctx, "TLS handshake failed: " + PeerFailures.describe(cause));
    }

    /** Counts and logs a connection the listener closes for breaking its protocol, once per connection. */
    private void protocolError(ChannelHandlerContext ctx, String why) {
        if (protocolErrorCounted) {
            return;
        }
        protocolErrorCounted = true;
        stats.clientProtocolErrors.increment();
        log.info("Closing client {} on listener '{}': {}", ctx.channel().remoteAddress(), listenerName, why);
    }

    private void open(ChannelHandlerContext ctx, WebSocketRequest request) {
        client = events.opened(ctx.channel(), request);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (client == null || closedForRate) {
                return;
            }
            if (messageRate != null && !messageRate.tryTake(System.nanoTime())) {
                overRate(ctx);
                return;
            }
            byte[] body = new byte[buf.readableBytes()];
            buf.readBytes(body);
            events.message(client, body);
        } finally {
            buf.release();
        }
    }

    /** A message over the client's rate: dropped, or the client closed, as the listener's policy says. */
    private void overRate(ChannelHandlerContext ctx) {
        if (messageRatePolicy == MessageRatePolicy.DROP) {
            stats.clientMessagesDroppedRateLimit.increment();
            log.debug("Client {} on listener '{}': over maxMessagesPerSecond, message dropped",
                    ctx.channel().remoteAddress(), listenerName);
            return;
        }
        closedForRate = true;
        stats.clientsClosedRateLimit.increment();
        log.info("Closing client {} on listener '{}': over maxMessagesPerSecond", ctx.channel().remoteAddress(),
                listenerName);
        ClientPipeline.policyViolation(ctx.channel());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            events.closed(client);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Resets and broken pipes are how clients leave; not worth more than a debug line.
            log.debug("Client {} I/O error: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            protocolError(ctx, PeerFailures.describe(cause));
        }
        ctx.close();
    }
}
