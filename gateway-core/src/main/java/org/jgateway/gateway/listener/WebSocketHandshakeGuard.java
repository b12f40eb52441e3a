package org.jgateway.gateway.listener;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Decides whether an upgrade request may go on to Netty's WebSocket handshake: answers a malformed request with
 * 400, a path other than the listener's with 404, a WebSocket version other than 13 with 426 and a request the
 * handshake filter refuses with 403, then closes. Netty's handshaker answers the remaining defects (not GET, no key,
 * no upgrade headers) with 400.
 * An accepted request is handed to {@link WebSocketOpenHandler} and passed on, and this handler leaves the pipeline.
 * <p>
 * It also closes clients that do not send a complete request within the handshake timeout: Netty's own timeout only
 * starts once the request has arrived.
 * <p>
 * Every refusal and timeout is announced to the tail as a {@link WebSocketHandshakeFailed} event before the close, so
 * that the gateway can count it: these connections end without an exception.
 */
final class WebSocketHandshakeGuard extends ChannelInboundHandlerAdapter {

    private static final String SUPPORTED_VERSION = "13";

    private final String path;
    private final Predicate<WebSocketRequest> filter;
    private final long timeoutMillis;
    private final WebSocketOpenHandler opener;
    private Future<?> timeout;
    /** Set once the timeout has closed the connection: the partial request flushed at the close is no new failure. */
    private boolean timedOut;

    WebSocketHandshakeGuard(String path, Predicate<WebSocketRequest> filter, long timeoutMillis,
            WebSocketOpenHandler opener) {
        this.path = path;
        this.filter = filter;
        this.timeoutMillis = timeoutMillis;
        this.opener = opener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startTimeout(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimeout(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void startTimeout(ChannelHandlerContext ctx) {
        if (timeout == null) {
            timeout = ctx.executor().schedule(() -> {
                timedOut = true;
                ctx.fireUserEventTriggered(new WebSocketHandshakeFailed(WebSocketHandshakeFailed.Reason.TIMEOUT,
                        "no complete handshake request within " + timeoutMillis + " ms"));
                ctx.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timedOut) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean passedOn = false;
        try {
            HttpResponseStatus refusal = refusal(ctx, request);
            if (refusal != null) {
                refuse(ctx, refusal);
                return;
            }
            ctx.pipeline().remove(this);
            passedOn = true;
            ctx.fireChannelRead(request);
        } finally {
            if (!passedOn) {
                ReferenceCountUtil.release(request);
            }
        }
    }

    /** The status to refuse {@code request} with, or null to accept it (and tell the opener). */
    private HttpResponseStatus refusal(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure() || !request.uri().startsWith("/")) {
            // Absolute-form and asterisk-form targets are legal HTTP but never a WebSocket handshake.
            return HttpResponseStatus.BAD_REQUEST;
        }
        WebSocketRequest accepted = WebSocketRequest.of(request, ctx.channel().remoteAddress(),
                ctx.channel().localAddress());
        if (path != null && !path.equals(accepted.path())) {
            return HttpResponseStatus.NOT_FOUND;
        }
        if (!SUPPORTED_VERSION.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            // Netty would also speak the drafts (00, 07, 08), whose framing our encoders do not produce.
            return HttpResponseStatus.UPGRADE_REQUIRED;
        }
        if (filter != null && !filter.test(accepted)) {
            return HttpResponseStatus.FORBIDDEN;
        }
        opener.accepted(accepted);
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
        ctx.fireUserEventTriggered(new WebSocketHandshakeFailed(reasonOf(status), "handshake refused with " + status));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, SUPPORTED_VERSION);
        }
        // ctx.close(), not channel.close(): the WebSocket protocol handler above would try to send a close frame.
        ctx.writeAndFlush(response).addListener(f -> ctx.close());
    }

    private static WebSocketHandshakeFailed.Reason reasonOf(HttpResponseStatus status) {
        if (status.equals(HttpResponseStatus.NOT_FOUND)) {
            return WebSocketHandshakeFailed.Reason.WRONG_PATH;
        }
        if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
            return WebSocketHandshakeFailed.Reason.UNSUPPORTED_VERSION;
        }
        if (status.equals(HttpResponseStatus.FORBIDDEN)) {
            return WebSocketHandshakeFailed.Reason.REFUSED;
        }
        return WebSocketHandshakeFailed.Reason.MALFORMED;
    }
}
