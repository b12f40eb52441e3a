package org.jgateway.gateway.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * Sends the server's Close frame when the gateway closes a WebSocket connection: exactly one per connection, with
 * the status the gateway chose ({@link #goingAway}: 1001 for a shutdown or a heartbeat timeout;
 * {@link #policyViolation}: 1008 for a client over its message rate; 1000 otherwise).
 *
 * <p>Netty's own close-frame handler sits above the frame decoder, so it does not see the Close frame the decoder sends
 * on a protocol violation and sends a second one; and it is there before the handshake, so a connection closed during
 * the handshake gets a Close frame written into the HTTP codec. This handler is added right above Netty's frame
 * encoder once the handshake is complete ({@link WebSocketOpenHandler}): every frame written passes it, whoever
 * writes it.
 */
final class WebSocketCloseFrameWriter extends ChannelOutboundHandlerAdapter {

    /** The status of the gateway's Close frame, set before it closes the channel; 1000 when unset. */
    private static final AttributeKey<WebSocketCloseStatus> STATUS =
            AttributeKey.valueOf(WebSocketCloseFrameWriter.class, "status");
    static final WebSocketCloseStatus GOING_AWAY = WebSocketCloseStatus.ENDPOINT_UNAVAILABLE;

    private final long forceCloseTimeoutMillis;
    private ChannelPromise closeSent;

    WebSocketCloseFrameWriter(long forceCloseTimeoutMillis) {
        this.forceCloseTimeoutMillis = forceCloseTimeoutMillis;
    }

    /**
     * Marks {@code channel} so that its Close frame, if it is a WebSocket and one is sent, says 1001 (going away):
     * call before closing it for a shutdown or an unanswered heartbeat. Other protocols ignore the mark.
     */
    static void goingAway(Channel channel) {
        channel.attr(STATUS).set(GOING_AWAY);
    }

    /** Marks {@code channel} so that its Close frame, if it is a WebSocket, says 1008 (policy violation). */
    static void policyViolation(Channel channel) {
        channel.attr(STATUS).set(WebSocketCloseStatus.POLICY_VIOLATION);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closeSent != null) {
            // After a Close frame nothing may follow (RFC 6455 5.5.1).
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            promise = promise.unvoid();
            closeSent = promise;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        if (closeSent == null) {
            WebSocketCloseStatus status = ctx.channel().attr(STATUS).get();
            write(ctx, new CloseWebSocketFrame(status != null ? status : WebSocketCloseStatus.NORMAL_CLOSURE),
                    ctx.newPromise());
        }
        ctx.flush();
        if (!closeSent.isDone()) {
            // A client that reads nothing must not hold the connection open.
            ScheduledFuture<?> timeout = ctx.executor().schedule(() -> closeSent.tryFailure(new ClosedChannelException()),
                    forceCloseTimeoutMillis, TimeUnit.MILLISECONDS);
            closeSent.addListener(f -> timeout.cancel(false));
        }
        closeSent.addListener(f -> ctx.close(promise));
    }
}
