package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.channels.ClosedChannelException;

/**
 * Turns Netty's handshake-complete event into one {@link WebSocketRequest} user event for the gateway, and holds the
 * messages the gateway writes before that (say, a welcome sent from {@code onConnect}) until the connection is a
 * WebSocket, as workerman does; then writes them and leaves the pipeline.
 */
final class WebSocketOpenHandler extends ChannelDuplexHandler {

    /** The name Netty's server handshaker gives the frame encoder it adds. */
    private static final String NETTY_FRAME_ENCODER = "wsencoder";

    private final long forceCloseTimeoutMillis;
    private WebSocketRequest request;

    WebSocketOpenHandler(long forceCloseTimeoutMillis) {
        this.forceCloseTimeoutMillis = forceCloseTimeoutMillis;
    }

    private PendingWriteQueue held;

    /** Called by {@link WebSocketHandshakeGuard} with the request it let through. */
    void accepted(WebSocketRequest request) {
        this.request = request;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        held = new PendingWriteQueue(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Only the gateway's encoded messages are held; the handshake's HTTP responses must pass.
        if (msg instanceof ByteBuf) {
            held.add(msg, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // Above Netty's frame encoder, so that the Close frames of every writer pass it.
            ctx.pipeline().addAfter(NETTY_FRAME_ENCODER, ClientPipeline.WEBSOCKET_CLOSE,
                    new WebSocketCloseFrameWriter(forceCloseTimeoutMillis));
            ctx.fireUserEventTriggered(request);
            held.removeAndWriteAll();
            ctx.flush();
            ctx.pipeline().remove(this);
        } else if (!(evt instanceof WebSocketServerProtocolHandler.ServerHandshakeStateEvent)) {
            // Netty's older duplicate of HandshakeComplete (and its handshake timeout, which closes by itself) are
            // not the gateway's business.
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        held.removeAndFailAll(new ClosedChannelException());
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) {
            held.removeAndFailAll(new ClosedChannelException());
        }
    }
}
