package org.jgateway.register;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.jgateway.transport.EventLoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register (GatewayWorker {@code Register}): the discovery service that gateways announce their inner
 * addresses to and that business workers and API clients learn them from. No client traffic passes through it.
 * <p>
 * Speaks GatewayWorker 4's line protocol byte for byte (see {@link org.jgateway.protocol.register.RegisterCodec}), so
 * PHP gateways, business workers and GatewayClients work against it unchanged.
 *
 * <pre>{@code
 * try (RegisterServer register = new RegisterServer(RegisterOptions.create(), resources).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class RegisterServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegisterServer.class);

    private final RegisterOptions options;
    private final EventLoopResources resources;
    private final boolean ownsResources;
    private final GatewayDirectory directory = new GatewayDirectory();
    private final RegisterCounters counters = new RegisterCounters();
    private final ChannelGroup connections = new DefaultChannelGroup("register", GlobalEventExecutor.INSTANCE);
    private final RegisterServerHandler handler;

    private @Nullable Channel serverChannel;
    private int boundPort;
    private boolean closed;

    /**
     * A register on shared event loops; {@link #close()} leaves {@code resources} open.
     */
    public RegisterServer(RegisterOptions options, EventLoopResources resources) {
        this(options, Objects.requireNonNull(resources, "resources"), false);
    }

    /** A register with an event loop of its own, shut down by {@link #close()}. */
    public RegisterServer(RegisterOptions options) {
        this(options, EventLoopResources.create(1, "jgateway-register"), true);
    }

    private RegisterServer(RegisterOptions options, EventLoopResources resources, boolean ownsResources) {
        this.options = Objects.requireNonNull(options, "options");
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.handler = new RegisterServerHandler(options.secretKey(), directory, counters);
    }

    /**
     * Binds the listening socket.
     *
     * @return this
     * @throws RegisterBindException if the address cannot be bound
     * @throws UnprotectedPortException if the address is not loopback, there is no secret and that is not allowed
     * @throws IllegalStateException if already started or closed
     */
    public synchronized RegisterServer start() {
        if (closed || serverChannel != null) {
            throw new IllegalStateException(closed ? "Register is closed" : "Register is already started");
        }
        ProtectedMode.checkBind("register", options.host(), options.secretKey(), options.allowNoSecret(), log);
        // One loop for the listener and all connections: the register's state is then confined to one thread.
        EventLoop loop = resources.group().next();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channel(resources.transport().serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new RegisterServerInitializer(options, connections, counters, handler));
        ChannelFuture bind = bootstrap.bind(options.host(), options.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new RegisterBindException(options.host(), options.port(), bind.cause());
        }
        serverChannel = bind.channel();
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("Register listening on {}:{}", options.host(), boundPort);
        return this;
    }

    /** The bound port (the ephemeral one when configured with port 0); still readable after {@link #close()}. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("Register is not started");
        }
        return boundPort;
    }

    /** Whether the register is listening. */
    public synchronized boolean isRunning() {
        return serverChannel != null && serverChannel.isActive();
    }

    public RegisterOptions options() {
        return options;
    }

    /** The gateway addresses listed now, in registration order, without duplicates. */
    public List<String> gatewayAddresses() {
        return directory.addresses();
    }

    /** Counts of connections by role and of rejected connections by reason. */
    public RegisterStats stats() {
        return new RegisterStats(connections.size(), directory.gatewayCount(), directory.addresses().size(),
                directory.workerCount(), counters.authTimeouts.sum(), counters.badRequests.sum(),
                counters.wrongSecrets.sum(), counters.messages.sum());
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /**
     * Stops listening and closes every connection, without a last broadcast: workers keep the list they have, as
     * with a PHP register that dies. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        handler.stopping();
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        if (ownsResources) {
            resources.close();
        }
        if (serverChannel != null) {
            log.info("Register on {}:{} stopped", options.host(), boundPort);
        }
    }
}
