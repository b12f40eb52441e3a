package org.jgateway.gateway.listener;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jgateway.transport.EventLoopResources;

/**
 * Netty's own WebSocket client, keeping every frame it receives (close and pong frames included) as a
 * {@link Received} copy so tests never hold buffers.
 */
final class WsTestClient implements AutoCloseable {

    /** A received frame: its class, payload and, for close frames, the status code. */
    record Received(Class<? extends WebSocketFrame> type, byte[] content, int closeStatus) {
    }

    final BlockingQueue<Received> frames;
    final Channel channel;

    private WsTestClient(Channel channel, BlockingQueue<Received> frames) {
        this.channel = channel;
        this.frames = frames;
    }

    static WsTestClient connect(EventLoopResources loops, String uri) throws Exception {
        return connect(loops, uri, new DefaultHttpHeaders(), null, true);
    }

    /** Connects and completes the handshake (or throws why it failed). */
    static WsTestClient connect(EventLoopResources loops, String uri, HttpHeaders headers, SslContext ssl,
            boolean masking) throws Exception {
        URI target = URI.create(uri);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target)
                .customHeaders(headers)
                .generateOriginHeader(false)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .performMasking(masking)
                .maxFramePayloadLength(16 * 1024 * 1024)
                .build();
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
        Channel ch = new Bootstrap()
                .group(loops.group())
                .channel(loops.transport().socketChannelClass())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), target.getHost(), target.getPort()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config), new Collector(frames, handshake));
                    }
                })
                .connect(target.getHost(), target.getPort())
                .syncUninterruptibly()
                .channel();
        try {
            handshake.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            ch.close();
            throw e;
        }
        return new WsTestClient(ch, frames);
    }

    int channelLocalPort() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    Received next() throws InterruptedException {
        Received frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return frame;
    }

    boolean awaitClosed() {
        return channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Collector extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final CompletableFuture<Void> handshake;
        private final BlockingQueue<Received> frames;

        Collector(BlockingQueue<Received> frames, CompletableFuture<Void> handshake) {
            this.frames = frames;
            this.handshake = handshake;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            int status = frame instanceof CloseWebSocketFrame close ? close.statusCode() : 0;
            frames.add(new Received(frame.getClass(), ByteBufUtil.getBytes(frame.content()), status));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshake.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
            ctx.fireChannelInactive();
        }
    }
}
