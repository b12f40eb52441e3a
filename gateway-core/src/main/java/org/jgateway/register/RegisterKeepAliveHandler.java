package org.jgateway.register;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.jgateway.protocol.register.RegisterMessage;

/**
 * Sends {@code {"event":"ping"}} when the connection has been write-idle for the ping interval (signalled by an
 * {@link io.netty.handler.timeout.IdleStateHandler} before it), so firewalls and NATs keep the register connection.
 */
@Sharable
final class RegisterKeepAliveHandler extends ChannelInboundHandlerAdapter {

    static final RegisterKeepAliveHandler INSTANCE = new RegisterKeepAliveHandler();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.writeAndFlush(RegisterMessage.Ping.INSTANCE, ctx.voidPromise());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
