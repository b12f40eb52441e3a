package org.jgateway.register;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose first line does not arrive within the deadline (PHP: {@code Register auth timeout}),
 * then steps out of the pipeline once a line arrived: the register never times out a peer that spoke once.
 */
final class RegisterAuthDeadlineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RegisterServer.class);

    private final long timeoutMillis;
    private final RegisterCounters counters;
    private @Nullable Future<?> deadline;

    RegisterAuthDeadlineHandler(long timeoutMillis, RegisterCounters counters) {
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        cancel();
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            counters.authTimeouts.increment();
            log.warn("Register auth timeout ({}): no message within {} ms, closing", ctx.channel().remoteAddress(),
                    timeoutMillis);
            ctx.close();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
