package org.jgateway.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;

/** Hands each decoded message (a WebSocket data frame's payload or a text line) to the scenario's listener. */
final class InboundHandler extends ChannelInboundHandlerAdapter {

    private final BenchConnection connection;
    private final MessageListener listener;
    private final LongAdder errors;

    InboundHandler(BenchConnection connection, MessageListener listener, LongAdder errors) {
        this.connection = connection;
        this.listener = listener;
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf line) {
                listener.onMessage(connection, line);
            } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                listener.onMessage(connection, ((io.netty.buffer.ByteBufHolder) msg).content());
            } else if (msg instanceof CloseWebSocketFrame && !connection.closeHandshakeStarted) {
                // The server closes first: answer its Close by closing (a closing handshake of ours waits instead
                // for the server to close the TCP connection, as RFC 6455 7.1.1 asks of a client).
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.flushIfPending();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.onClosed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.increment();
        connection.fail(cause);
        ctx.close();
    }
}
