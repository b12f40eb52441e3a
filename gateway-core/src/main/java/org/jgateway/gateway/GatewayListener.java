package org.jgateway.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgateway.engine.LocalIndexListener;
import org.jgateway.gateway.listener.ClientEncoders;
import org.jgateway.gateway.listener.ClientPipeline;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.GatewayFrameEncoder;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.SecretKey;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.MutualTls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client listener with its own inner listener: the equivalent of one GatewayWorker gateway process. It has its
 * own inner port (and so its own client_id space), client table, workers and heartbeat.
 */
final class GatewayListener {

    private static final Logger log = LoggerFactory.getLogger(GatewayListener.class);

    private final ListenerOptions listener;
    private final GatewayOptions options;
    private final int configuredInnerPort;
    private final ClientMessageEncoder encoder;
    private final GatewayStats stats = new GatewayStats();
    private final ClientRegistry registry = new ClientRegistry();
    private final GatewayCommandHandler commands;
    private final WorkerDirectory workers;
    private final EventForwarder forwarder;
    private final Heartbeat heartbeat;
    private final SecretKey secret;
    private final @Nullable ConnectionAdmission admission;
    private final InJvmGateways inJvmGateways;
    private final UnconfirmedBudget unconfirmedBudget;
    private LocalIndexListener indexListener = LocalIndexListener.NONE;
    private final long startedAt = System.currentTimeMillis();
    private Channel innerChannel;
    private Channel clientChannel;
    private int innerPort;
    private int publicPort;

    GatewayListener(ListenerOptions listener, int innerPort, GatewayOptions options, InJvmGateways inJvmGateways,
            UnconfirmedBudget unconfirmedBudget) {
        this.listener = listener;
        this.unconfirmedBudget = unconfirmedBudget;
        this.inJvmGateways = inJvmGateways;
        this.options = options;
        this.configuredInnerPort = innerPort;
        this.encoder = ClientEncoders.encoderFor(listener);
        this.commands = new GatewayCommandHandler(registry, ByteBufAllocator.DEFAULT, stats, options.history());
        // The directory tells the forwarder when a worker arrives, so that held events go out.
        this.workers = new WorkerDirectory(listener.name(), this::workerAvailable);
        // Each listener runs its own heartbeat; a listener may override the gateway-wide settings.
        this.heartbeat = new Heartbeat(registry,
                listener.pingInterval() != null ? listener.pingInterval() : options.pingInterval(),
                listener.pingNotResponseLimit() != null ? listener.pingNotResponseLimit() : options.pingNotResponseLimit(),
                listener.pingData() != null ? listener.pingData() : options.pingData(), stats, ByteBufAllocator.DEFAULT);
        this.forwarder = new EventForwarder(listener.name(), registry, heartbeat, encoder, workers, options, stats);
        this.secret = new SecretKey(options.cluster().secretKey());
        this.admission = ConnectionAdmission.forListener(listener, stats);
    }

    /** @throws GatewayBindException if the inner or the client port cannot be bound */
    void start(EventLoopResources resources) {
        // Read-your-writes: every inner connection of this gateway (workers, API clients, PHP's connection-per-call
        // GatewayClient) is served by one event loop, as GatewayWorker's gateway process serves them, and a query is
        // answered only after that loop has polled its sockets once more (InnerFrameHandler). A command that reached
        // the gateway before the query, on any inner connection, has then been read and applied. Spread over the
        // group, a query read on one loop could be answered while another loop had yet to read that command.
        EventLoop innerLoop = resources.group().next();
        AfterNextIoRound queryRound = new AfterNextIoRound(innerLoop);
        innerChannel = bound(new ServerBootstrap()
                .group(innerLoop)
                .channel(resources.transport().serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.sendToWorkerBufferSize() / 2, options.sendToWorkerBufferSize()))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext tls = options.innerSslContext();
                        if (tls != null) {
                            ch.pipeline().addLast("ssl", MutualTls.serverHandler(tls, ch,
                                    options.innerRequireClientCertificate()));
                        }
                        ch.pipeline().addLast("frameDecoder", new GatewayFrameDecoder(options.maxInnerFrameLength()));
                        ch.pipeline().addLast("frameEncoder", GatewayFrameEncoder.INSTANCE);
                        if (secret.required()) {
                            ch.pipeline().addLast("auth", new InnerAuthHandler(secret, stats));
                        }
                        if (!options.cluster().peerTimeout().isZero()) {
                            ch.pipeline().addLast("workerLiveness",
                                    new WorkerLivenessHandler(options.cluster().peerTimeout(), stats));
                        }
                        ch.pipeline().addLast("inner", new InnerFrameHandler(commands, workers, queryRound, stats, secret,
                                forwarder, unconfirmedBudget));
                    }
                })
                .bind(options.innerBindHost(), configuredInnerPort),
                options.innerBindHost(), configuredInnerPort, true);
        innerPort = ((InetSocketAddress) innerChannel.localAddress()).getPort();
        // The engine learns of every client from the first one on: attach before the client port opens.
        indexListener = options.indexSync().attach(address(), registry);
        registry.listen(indexListener);

        boolean websocket = listener.protocol() == ClientProtocol.WEBSOCKET;
        ClientPipeline pipeline = ClientPipeline.forListener(listener);
        forwarder.innerPortBound(innerPort);
        clientChannel = bound(new ServerBootstrap()
                .group(resources.group())
                .channel(resources.transport().serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptFailureHandler(stats, listener.name()))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        options.sendToClientBufferSize() / 2, options.sendToClientBufferSize()))
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (admission != null) {
                            ch.pipeline().addLast("admission", admission);
                        }
                        pipeline.initialize(ch, new ClientChannelHandler(forwarder, stats, listener.name(),
                                options.halfCloseLinger(), websocket, listener.maxMessagesPerSecond(),
                                listener.messageRatePolicy()));
                    }
                })
                .bind(listener.host(), listener.port()),
                listener.host(), listener.port(), false);
        publicPort = ((InetSocketAddress) clientChannel.localAddress()).getPort();
        heartbeat.start(resources.group().next());
        inJvmGateways.register(this);
        log.info("Gateway '{}' listening on {}, inner {} (bound {})", listener.name(), listening(), address(),
                options.innerBindHost());
    }

    /** {@code scheme://host:port} where clients connect; see {@link ListenerStatus#listening()}. */
    String listening() {
        String protocol = listener.protocol().name().toLowerCase(Locale.ROOT);
        String scheme = !listener.isTls() ? protocol
                : listener.protocol() == ClientProtocol.WEBSOCKET ? "wss" : protocol + "+tls";
        return scheme + "://" + listener.host() + ":" + publicPort;
    }

    /** Waits for a bind; Netty would rethrow a failure as an undeclared BindException that names neither port. */
    private Channel bound(ChannelFuture bind, String host, int port, boolean inner) {
        if (!bind.awaitUninterruptibly().isSuccess()) {
            throw new GatewayBindException(listener.name(), host, port, inner, bind.cause());
        }
        return bind.channel();
    }

    void stop() {
        stopAccepting();
        closeClients(null, 0);
        closeInner();
    }

    /** Closes the client listener: no new clients; those connected stay. */
    void stopAccepting() {
        inJvmGateways.unregister(this);
        heartbeat.stop();
        if (clientChannel != null) {
            clientChannel.close().syncUninterruptibly();
        }
    }

    /**
     * Sends {@code goodbye} (if any) to every client and closes each after its queued messages; waits until
     * {@code deadlineNanos} for them to go, then drops the rest.
     */
    void closeClients(byte[] goodbye, long deadlineNanos) {
        List<Future<Void>> closing = new ArrayList<>();
        // Every client of a listener shares its encoder: encode the goodbye once.
        ByteBuf encoded = goodbye == null ? null : encoder.encode(ByteBufAllocator.DEFAULT, goodbye);
        try {
            for (ClientConnection client : registry) {
                ClientSink sink = client.sink();
                sink.goingAway();
                sink.close(encoded == null ? null : encoded.retainedDuplicate());
                closing.add(sink.closeFuture());
            }
        } finally {
            if (encoded != null) {
                encoded.release();
            }
        }
        for (Future<Void> future : closing) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                break;
            }
        }
        for (ClientConnection client : registry) {
            client.sink().goingAway();
            client.sink().destroy();
        }
    }

    /**
     * Stops reading from every client, each on its own event loop; returns once none of them reads any more (or at
     * {@code deadlineNanos}).
     */
    void stopReading(long deadlineNanos) {
        List<Future<?>> stopped = new ArrayList<>();
        for (ClientConnection client : registry) {
            ClientSink sink = client.sink();
            try {
                stopped.add(sink.eventLoop().submit(sink::stopReading));
            } catch (RejectedExecutionException e) {
                // Its loop is shutting down: it reads nothing more.
            }
        }
        for (Future<?> future : stopped) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                break;
            }
        }
    }

    /**
     * Whether what the workers were sent is answered: every worker that confirms has confirmed everything, and no
     * client's events wait for a worker (unless none is connected, then none can take them).
     */
    boolean drained() {
        return workers.allConfirmed() && (forwarder.waitingClients() == 0 || workers.size() == 0);
    }

    /** Closes the worker links and the inner listener. */
    void closeInner() {
        workers.closeAll();
        if (innerChannel != null) {
            innerChannel.close().syncUninterruptibly();
        }
        indexListener.close();
    }

    private void workerAvailable() {
        forwarder.workerAvailable();
    }

    boolean acceptsInJvmWorkers() {
        return options.innerSslContext() == null;
    }

    /** A worker of this JVM attaches in memory (see {@link InJvmGateways}). */
    InJvmGatewayAttachment attachInJvmWorker(String secretKey, InJvmWorkerEndpoint worker) {
        if (secret.required() && !secret.matches(secretKey)) {
            stats.unauthorizedInner.increment();
            log.warn("Gateway '{}': in-JVM worker {} has the wrong secret_key: refused", listener.name(), worker.workerKey());
            return null;
        }
        return new InJvmWorkerLink(commands, workers, worker, options.lanIp() + ':' + worker.workerKey(),
                Ipv4.parse(options.lanIp()), innerPort);
    }

    /** {@code "lanIp:innerPort"} as announced to the register and encoded in client_ids. */
    String address() {
        return options.lanIp() + ':' + innerPort;
    }

    String name() {
        return listener.name();
    }

    ListenerOptions listener() {
        return listener;
    }

    int innerPort() {
        return innerPort;
    }

    int publicPort() {
        return publicPort;
    }

    long startedAt() {
        return startedAt;
    }

    GatewayStats stats() {
        return stats;
    }

    ClientRegistry registry() {
        return registry;
    }

    GatewayCommandHandler commands() {
        return commands;
    }

    List<String> workerKeys() {
        return workers.keys();
    }

    int heldClients() {
        return forwarder.waitingClients();
    }
}
