package org.jgateway.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Marks a text connection ready as soon as TCP is connected, then leaves the pipeline. */
final class ConnectedHandler extends ChannelInboundHandlerAdapter {

    private final BenchConnection connection;

    ConnectedHandler(BenchConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
        connection.markReady();
        ctx.fireChannelActive();
    }
}
