package org.jgateway.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a listening channel: a failed {@code accept} (typically "Too many open files" under a connection flood) is
 * counted, logged once per back-off, and accepting pauses for {@link #BACKOFF_MILLIS} so the loop does not spin
 * on a connection it cannot take. Established clients are not affected; accepting resumes on its own.
 */
@ChannelHandler.Sharable
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AcceptFailureHandler.class);

    /** Netty's own back-off after an accept failure. */
    static final long BACKOFF_MILLIS = 1000;

    private final GatewayStats stats;
    private final String listener;

    AcceptFailureHandler(GatewayStats stats, String listener) {
        this.stats = stats;
        this.listener = listener;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.acceptFailures.increment();
        if (!ctx.channel().config().isAutoRead()) {
            return;
        }
        log.warn("Listener '{}' cannot accept connections ({}): pausing accepts for {} ms", listener, cause.toString(),
                BACKOFF_MILLIS);
        ctx.channel().config().setAutoRead(false);
        stats.acceptPauses.increment();
        ctx.executor().schedule(() -> {
            ctx.channel().config().setAutoRead(true);
        }, BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
    }
}
