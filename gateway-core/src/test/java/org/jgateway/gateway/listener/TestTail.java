package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCompletionEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jgateway.gateway.ClientMessageEncoder;

/**
 * A stand-in for the gateway's handler: records what reaches the end of the pipeline, releases every buffer, closes
 * on errors like the gateway does, and optionally echoes each message back through an encoder.
 */
class TestTail extends ChannelInboundHandlerAdapter {

    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    /** User events other than Netty's TLS ones, which the pipeline passes on and a gateway may ignore. */
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final BlockingQueue<SslCompletionEvent> tlsEvents = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    /** Handshake failures announced before the pipeline closed the connection. */
    final BlockingQueue<WebSocketHandshakeFailed> handshakeFailures = new LinkedBlockingQueue<>();
    final CompletableFuture<Channel> active = new CompletableFuture<>();
    final CompletableFuture<Void> inactive = new CompletableFuture<>();
    private final ClientMessageEncoder echo;

    TestTail() {
        this(null);
    }

    TestTail(ClientMessageEncoder echo) {
        this.echo = echo;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active.complete(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        messages.add(bytes);
        if (echo != null) {
            ctx.writeAndFlush(echo.encode(ctx.alloc(), bytes));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslCompletionEvent tls) {
            tlsEvents.add(tls);
        } else if (evt instanceof WebSocketHandshakeFailed failed) {
            handshakeFailures.add(failed);
        } else {
            events.add(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive.complete(null);
    }

    byte[] nextMessage() throws InterruptedException {
        return require(messages.poll(5, TimeUnit.SECONDS), "message");
    }

    Object nextEvent() throws InterruptedException {
        return require(events.poll(5, TimeUnit.SECONDS), "user event");
    }

    Throwable nextError() throws InterruptedException {
        return require(errors.poll(5, TimeUnit.SECONDS), "exception");
    }

    Channel channel() throws Exception {
        return active.get(5, TimeUnit.SECONDS);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new AssertionError("no " + what + " within 5 s");
        }
        return value;
    }
}
