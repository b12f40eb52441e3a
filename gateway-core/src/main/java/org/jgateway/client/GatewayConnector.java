package org.jgateway.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameEncoder;
import org.jgateway.register.HostAndPort;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.MutualTls;
import org.jspecify.annotations.Nullable;

/**
 * Opens the pool's TCP connections to a gateway's inner port and knows the authentication frame they start with.
 */
final class GatewayConnector {

    private final EventLoopResources resources;
    private final GatewayConnectionPoolOptions options;
    private final @Nullable GatewayFrame authFrame;

    GatewayConnector(EventLoopResources resources, GatewayConnectionPoolOptions options) {
        this.resources = resources;
        this.options = options;
        this.authFrame = options.cluster().secretKey().isEmpty() ? null : authFrame(options.cluster().secretKey());
    }

    /**
     * {@code CMD_GATEWAY_CLIENT_CONNECT} with body {@code {"secret_key":"..."}}, as GatewayClient sends it (the gateway
     * compares the decoded JSON, so Jackson's escaping is as good as PHP's).
     */
    static GatewayFrame authFrame(String secretKey) {
        return GatewayFrame.scalarCommand(GatewayCommand.GATEWAY_CLIENT_CONNECT, 0, new byte[0],
                CommandFrames.json(Map.of("secret_key", secretKey)));
    }

    /** The frame every connection must send first, or null when no secret is configured. */
    @Nullable GatewayFrame authFrame() {
        return authFrame;
    }

    GatewayConnectionPoolOptions options() {
        return options;
    }

    /** An event loop for a new gateway's connections, spreading gateways over the group. */
    EventLoop nextLoop() {
        return resources.group().next();
    }

    /**
     * Connects to {@code address} ({@code "host:port"}) on {@code loop}, with the frame encoder followed by the
     * handlers {@code inbound} creates (the connection's reply side).
     */
    ChannelFuture connect(String address, EventLoop loop, Supplier<ChannelHandler[]> inbound) {
        InetSocketAddress remote = socketAddress(address);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(resources.transport().socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.cluster().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (options.cluster().gatewaySslContext() != null) {
                            ch.pipeline().addLast(MutualTls.clientHandler(options.cluster().gatewaySslContext(), ch,
                                    remote.getHostString(), remote.getPort()));
                        }
                        ch.pipeline().addLast(GatewayFrameEncoder.INSTANCE);
                        ch.pipeline().addLast(inbound.get());
                    }
                });
        return bootstrap.connect(remote);
    }

    /**
     * The unresolved socket address of {@code "host:port"}: Netty resolves it when connecting, so a hostname never
     * blocks the caller.
     *
     * @throws IllegalArgumentException if {@code address} is not {@code "host:port"}
     */
    static InetSocketAddress socketAddress(String address) {
        HostAndPort hostAndPort = HostAndPort.parse(address, "gateway address");
        return InetSocketAddress.createUnresolved(hostAndPort.host(), hostAndPort.port());
    }

}
