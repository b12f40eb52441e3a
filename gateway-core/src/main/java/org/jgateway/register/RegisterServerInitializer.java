package org.jgateway.register;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import org.jgateway.protocol.register.RegisterCodec;
import org.jgateway.protocol.register.RegisterMessageDecoder;
import org.jgateway.protocol.register.RegisterMessageEncoder;
import org.jgateway.transport.MutualTls;

/** The pipeline of one register connection: lines, first-line deadline, messages, register logic. */
final class RegisterServerInitializer extends ChannelInitializer<Channel> {

    private static final RegisterMessageDecoder DECODER = new RegisterMessageDecoder();
    private static final RegisterMessageEncoder ENCODER = new RegisterMessageEncoder();

    private final RegisterOptions options;
    private final ChannelGroup connections;
    private final RegisterCounters counters;
    private final RegisterServerHandler handler;

    RegisterServerInitializer(RegisterOptions options, ChannelGroup connections, RegisterCounters counters,
            RegisterServerHandler handler) {
        this.options = options;
        this.connections = connections;
        this.counters = counters;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        SslContext tls = options.sslContext();
        if (tls != null) {
            p.addLast("ssl", MutualTls.serverHandler(tls, ch, options.requireClientCertificate()));
        }
        p.addLast("lines", RegisterCodec.newLineDecoder(options.maxLineLength()));
        p.addLast("deadline", new RegisterAuthDeadlineHandler(options.authTimeout().toMillis(), counters));
        p.addLast("decoder", DECODER);
        p.addLast("encoder", ENCODER);
        p.addLast("register", handler);
    }
}
