package org.jgateway.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With a secret key configured, an inner connection must first authenticate with {@code CMD_WORKER_CONNECT} or
 * {@code CMD_GATEWAY_CLIENT_CONNECT} carrying the key; anything else first closes it. Removes itself once passed.
 */
final class InnerAuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InnerAuthHandler.class);

    private final SecretKey secret;
    private final GatewayStats stats;

    InnerAuthHandler(SecretKey secret, GatewayStats stats) {
        this.secret = secret;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        GatewayFrame frame = (GatewayFrame) msg;
        boolean authFrame = frame.cmd() == GatewayCommand.WORKER_CONNECT || frame.cmd() == GatewayCommand.GATEWAY_CLIENT_CONNECT;
        if (authFrame && secret.matches(frame.body())) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        stats.unauthorizedInner.increment();
        if (authFrame) {
            log.warn("Gateway: secret_key mismatch from {} ({}): closing", ctx.channel().remoteAddress(),
                    GatewayCommand.nameOf(frame.cmd()));
        } else {
            log.warn("Unauthorized request from {}: {} before authentication: closing", ctx.channel().remoteAddress(),
                    GatewayCommand.nameOf(frame.cmd()));
        }
        ctx.close();
    }
}
