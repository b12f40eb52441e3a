package org.jgateway.register;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.protocol.register.RegisterMessage;
import org.jgateway.transport.ConnectionWatchdog;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.ReconnectDelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one register, introducing itself with one hello ({@code gateway_connect} for one address, or
 * {@code worker_connect}), kept up by a {@link ConnectionWatchdog}.
 * <p>
 * Runs on the event loop of its {@link RegisterClient}; fields without {@code volatile} are confined to it.
 */
final class RegisterLink {

    private static final Logger log = LoggerFactory.getLogger(RegisterClient.class);

    /**
     * A register that closes the connection this soon after our hello, without having answered, refused it: it never
     * closes a peer that introduced itself properly (wrong secret_key, or not a register at all).
     */
    static final long REJECTION_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HostAndPort register;
    private final RegisterMessage hello;
    private final RegisterClient owner;
    private final Bootstrap bootstrap;
    private final ConnectionWatchdog watchdog;
    private final Duration peerTimeout;
    private final RegisterMessage.Ping livenessPing;

    private @Nullable Channel channel;
    private long connectedAtNanos;
    private boolean answered;
    private boolean failing;
    private boolean closing;
    private volatile boolean connected;
    private volatile String lastFailure = "no connection attempt yet";

    RegisterLink(HostAndPort register, RegisterMessage hello, RegisterClient owner, EventLoopResources resources,
            EventLoop loop, RegisterClientOptions options) {
        this.register = register;
        this.hello = hello;
        this.owner = owner;
        this.peerTimeout = options.cluster().peerTimeout();
        this.livenessPing = new RegisterMessage.Ping(peerTimeout.toMillis());
        this.watchdog = new ConnectionWatchdog(loop, ReconnectDelay.exponential(options.cluster().reconnectDelay(),
                options.cluster().maxReconnectDelay(), options.reconnectJitter()), this::connect);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(resources.transport().socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.cluster().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RegisterClientInitializer(this, options));
    }

    HostAndPort register() {
        return register;
    }

    RegisterMessage hello() {
        return hello;
    }

    boolean isConnected() {
        return connected;
    }

    /** How long the register may stay silent once it answered a liveness ping; zero: never checked. */
    Duration peerTimeout() {
        return peerTimeout;
    }

    /** The ping that asks a JGateway register for an answer. */
    RegisterMessage.Ping livenessPing() {
        return livenessPing;
    }

    /** The register answered nothing for the peer timeout: the connection is closed and reconnected; on the loop. */
    void stalled() {
        owner.registerStalled();
        lastFailure = "stalled: nothing for " + peerTimeout.toMillis() + " ms";
        log.warn("Register {} sent nothing for {} ms: stalled (stopped, frozen or cut off), closing the connection "
                + "and reconnecting; serving on with the gateways known", register, peerTimeout.toMillis());
    }

    /** Why the last connection attempt failed or the connection ended, for error messages. */
    String lastFailure() {
        return lastFailure;
    }

    /** Starts a connection attempt; on the loop. */
    void connect() {
        if (closing) {
            return;
        }
        ChannelFuture connect = bootstrap.connect(register.host(), register.port());
        channel = connect.channel();
        connect.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                done.channel().closeFuture().addListener(closed -> disconnected(done.channel()));
            } else {
                connectFailed(done);
            }
        });
    }

    /** The connection is up and the hello is on its way; on the loop. */
    void connected() {
        connected = true;
        connectedAtNanos = System.nanoTime();
        answered = false;
        log.info("{} register {} ({})", failing ? "Reconnected to" : "Connected to", register, describeHello());
        failing = false;
        owner.linkStateChanged();
    }

    /** A list arrived; on the loop. */
    void addressesReceived(List<String> addresses) {
        answered = true;
        owner.addressesReceived(this, addresses);
    }

    private String describeHello() {
        return hello instanceof RegisterMessage.GatewayConnect gateway
                ? "gateway_connect " + gateway.address()
                : hello.event();
    }

    private void disconnected(Channel ch) {
        if (ch != channel) {
            return;
        }
        connected = false;
        if (closing) {
            owner.linkStateChanged();
            return;
        }
        boolean rejected = !answered && System.nanoTime() - connectedAtNanos < REJECTION_WINDOW_NANOS;
        if (rejected) {
            lastFailure = "closed right after " + hello.event() + " (wrong secret_key?)";
            log.warn("Register {} closed the connection right after {}: wrong secret_key?", register, hello.event());
        } else {
            lastFailure = "connection lost";
            // It served us: the next loss starts the backoff from the beginning.
            watchdog.reset();
            log.warn("Lost connection to register {}, reconnecting", register);
        }
        failing = true;
        owner.linkStateChanged();
        watchdog.scheduleReconnect();
    }

    private void connectFailed(ChannelFuture attempt) {
        attempt.channel().close();
        if (closing) {
            return;
        }
        Throwable cause = attempt.cause();
        lastFailure = cause == null ? "connect failed" : String.valueOf(cause.getMessage());
        Duration delay = watchdog.scheduleReconnect();
        if (failing) {
            log.debug("Cannot connect to register {} ({}), retrying in {} ms", register, lastFailure, delay.toMillis());
        } else {
            // Once per outage at WARN; every retry would flood the log while a register is down.
            log.warn("Cannot connect to register {} ({}), retrying with backoff", register, lastFailure);
            failing = true;
        }
    }

    /** Stops reconnecting and closes the connection; on the loop. */
    @Nullable ChannelFuture close() {
        closing = true;
        watchdog.stop();
        return channel == null ? null : channel.close();
    }
}
