package org.jgateway.register;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.jgateway.protocol.register.RegisterCodec;
import org.jgateway.protocol.register.RegisterMessageDecoder;
import org.jgateway.protocol.register.RegisterMessageEncoder;
import org.jgateway.transport.MutualTls;

/** The pipeline of one connection to a register: lines, messages, keep-alive, the link's handler. */
final class RegisterClientInitializer extends ChannelInitializer<Channel> {

    private static final RegisterMessageDecoder DECODER = new RegisterMessageDecoder();
    private static final RegisterMessageEncoder ENCODER = new RegisterMessageEncoder();

    private final RegisterLink link;
    private final RegisterClientOptions options;

    RegisterClientInitializer(RegisterLink link, RegisterClientOptions options) {
        this.link = link;
        this.options = options;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        SslContext tls = options.cluster().registerSslContext();
        if (tls != null) {
            p.addLast("ssl", MutualTls.clientHandler(tls, ch, link.register().host(), link.register().port()));
        }
        p.addLast("lines", RegisterCodec.newLineDecoder(options.maxLineLength()));
        p.addLast("decoder", DECODER);
        p.addLast("encoder", ENCODER);
        if (!options.pingInterval().isZero()) {
            p.addLast("idle", new IdleStateHandler(0, options.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
            p.addLast("keepAlive", RegisterKeepAliveHandler.INSTANCE);
        }
        p.addLast("register", new RegisterClientHandler(link));
    }
}
