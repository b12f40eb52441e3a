package org.jgateway.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.PeerTimeout;
import org.jgateway.protocol.SecretKey;
import org.jgateway.transport.PeerLivenessHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the first frame of an inner connection (after authentication): a JGateway worker's {@code CMD_WORKER_CONNECT}
 * announcing a {@linkplain PeerTimeout peer timeout} gets the agreed one back, and its link is watched by a
 * {@link PeerLivenessHandler} from then on, which closes it if the worker stalls (its clients then move to other
 * workers). Any other first frame (a PHP worker, an API client) leaves the connection unwatched, as in GatewayWorker.
 * Replaces itself either way.
 */
final class WorkerLivenessHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WorkerLivenessHandler.class);

    private final Duration peerTimeout;
    private final GatewayStats stats;

    WorkerLivenessHandler(Duration peerTimeout, GatewayStats stats) {
        this.peerTimeout = peerTimeout;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        GatewayFrame frame = (GatewayFrame) msg;
        Duration agreed = frame.cmd() == GatewayCommand.WORKER_CONNECT
                ? PeerTimeout.agreed(peerTimeout, PeerTimeout.announced(frame.body()))
                : null;
        if (agreed == null) {
            ctx.pipeline().remove(this);
        } else {
            String worker = SecretKey.field(frame.body(), "worker_key");
            ctx.pipeline().replace(this, PeerLivenessHandler.NAME, new PeerLivenessHandler(agreed, PeerTimeout.PING,
                    () -> stalled(ctx, worker, agreed)));
            // Ahead of anything the worker's connect brings about (WORKER_ACK, events): it answers the announcement.
            ctx.writeAndFlush(PeerTimeout.answer(agreed), ctx.voidPromise());
        }
        ctx.fireChannelRead(msg);
    }

    private void stalled(ChannelHandlerContext ctx, String worker, Duration agreed) {
        stats.workersStalled.increment();
        log.warn("Business worker {} ({}) sent nothing for {} ms: stalled (stopped, frozen or cut off), closing its "
                + "link; its clients move to other workers", worker, ctx.channel().remoteAddress(), agreed.toMillis());
    }
}
