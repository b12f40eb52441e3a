package org.jgateway.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;

/** Counts the buffers read from the socket (one per read() call), before any decoding. */
final class ReadCounter extends ChannelInboundHandlerAdapter {

    private final LongAdder reads;

    ReadCounter(LongAdder reads) {
        this.reads = reads;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reads.increment();
        ctx.fireChannelRead(msg);
    }
}
