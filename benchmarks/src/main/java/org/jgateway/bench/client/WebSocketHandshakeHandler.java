package org.jgateway.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Runs the WebSocket opening handshake with Netty's client handshaker, which then swaps the HTTP codec for the
 * frame decoder; marks the connection ready and leaves the pipeline.
 */
final class WebSocketHandshakeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    private final WebSocketClientHandshaker handshaker;
    private final BenchConnection connection;

    WebSocketHandshakeHandler(URI uri, BenchConnection connection) {
        this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
                EmptyHttpHeaders.INSTANCE, ClientFactory.MAX_MESSAGE);
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        handshaker.finishHandshake(ctx.channel(), response);
        ctx.pipeline().remove(this);
        connection.markReady();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.fail(cause);
        ctx.fireExceptionCaught(cause);
    }
}
