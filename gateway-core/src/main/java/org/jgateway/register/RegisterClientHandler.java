package org.jgateway.register;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.jgateway.protocol.register.RegisterMessage;
import org.jgateway.protocol.register.RegisterMessage.BroadcastAddresses;
import org.jgateway.protocol.register.RegisterMessage.Ping;
import org.jgateway.transport.PeerFailures;
import org.jgateway.transport.PeerLivenessHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of one register connection: introduces itself ({@code gateway_connect} or {@code worker_connect})
 * as soon as connected, and hands every {@code broadcast_addresses} to its {@link RegisterLink}. A register that
 * answers the {@linkplain Ping#asksForAnswer() liveness ping} sent after the hello (a JGateway register) is checked
 * for a stall from its first answer on.
 */
final class RegisterClientHandler extends SimpleChannelInboundHandler<RegisterMessage> {

    private static final Logger log = LoggerFactory.getLogger(RegisterClient.class);

    private final RegisterLink link;

    RegisterClientHandler(RegisterLink link) {
        super(RegisterMessage.class);
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(link.hello(), ctx.voidPromise());
        if (!link.peerTimeout().isZero()) {
            // A JGateway register answers, and the link is checked from then on; a PHP register ignores it.
            ctx.writeAndFlush(link.livenessPing(), ctx.voidPromise());
        }
        link.connected();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RegisterMessage message) {
        if (message instanceof BroadcastAddresses broadcast) {
            link.addressesReceived(broadcast.addresses());
        } else if (message instanceof Ping) {
            if (ctx.pipeline().get(PeerLivenessHandler.NAME) == null && !link.peerTimeout().isZero()) {
                ctx.pipeline().addBefore(ctx.name(), PeerLivenessHandler.NAME,
                        new PeerLivenessHandler(link.peerTimeout(), link.livenessPing(), link::stalled));
            }
        } else {
            log.warn("Register {} sent an unexpected {} message, ignored", link.register(), message.event());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            log.warn("Register {} sent a line we cannot read, reconnecting: {}", link.register(),
                    PeerFailures.isPlaintextOnTls(cause) ? PeerFailures.describe(cause)
                            : cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("Register {} connection failed: {}", link.register(), cause.toString());
        } else {
            log.warn("Register {} connection failed", link.register(), cause);
        }
        ctx.close();
    }
}
