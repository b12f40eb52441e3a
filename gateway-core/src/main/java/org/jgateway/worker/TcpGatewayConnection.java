package org.jgateway.worker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.GatewayFrameEncoder;
import org.jgateway.protocol.PeerTimeout;
import org.jgateway.register.HostAndPort;
import org.jgateway.transport.ConnectionWatchdog;
import org.jgateway.transport.MutualTls;
import org.jgateway.transport.PeerLivenessHandler;
import org.jgateway.transport.WriteBatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A business worker's connection to one gateway: authenticates with {@code CMD_WORKER_CONNECT}, receives client
 * events, carries the worker's commands, and reconnects while the gateway is listed, with the worker's
 * {@linkplain GatewayLinks#reconnectDelay() reconnect delay}; a successful connection restarts the delays.
 */
final class TcpGatewayConnection implements GatewayConnection {

    private static final Logger log = LoggerFactory.getLogger(TcpGatewayConnection.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    /** How long handled events wait before one confirmation covers them all. */
    private static final long ACK_INTERVAL_MILLIS = 20;

    private final String address;
    private final String host;
    private final int port;
    private final GatewayLinks links;
    private final GatewayLinkListener listener;
    private volatile @Nullable Channel channel;
    private volatile @Nullable WriteBatcher writer;
    private volatile @Nullable CompletableFuture<Void> leaveAck;
    // Delivery confirmation (GatewayCommand.WORKER_ACK), once the gateway said it counts them.
    private volatile boolean acks;
    /** Per connection: the gateway numbers the events of each connection from 0. */
    private volatile HandledWatermark handled = new HandledWatermark();
    private final AtomicBoolean ackScheduled = new AtomicBoolean();
    private final ConnectionWatchdog watchdog;
    /**
     * The timeout this gateway agreed to on an earlier connection: a JGateway gateway that answers at once. A new
     * connection to it carries nothing until it answered, so that nothing is sent into a gateway that is still
     * stalled (the kernel accepts connections for a stopped process).
     */
    private volatile @Nullable Duration agreedTimeout;
    private volatile boolean awaitingAnswer;

    TcpGatewayConnection(String address, GatewayLinks links) {
        this.address = address;
        HostAndPort hostAndPort = HostAndPort.parse(address, "gateway address");
        this.host = hostAndPort.host();
        this.port = hostAndPort.port();
        this.links = links;
        this.listener = links.listener();
        this.watchdog = new ConnectionWatchdog(links.resources().group().next(), links.reconnectDelay(), this::connect);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive() && !awaitingAnswer;
    }

    @Override
    public void connect() {
        if (!watchdog.isReconnecting()) {
            return;
        }
        ChannelFuture future = new Bootstrap()
                .group(links.resources().group())
                .channel(links.resources().transport().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) links.options().cluster().connectTimeout().toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext tls = links.options().cluster().gatewaySslContext();
                        if (tls != null) {
                            ch.pipeline().addLast("ssl", MutualTls.clientHandler(tls, ch, host, port));
                        }
                        ch.pipeline().addLast("frameDecoder", new GatewayFrameDecoder());
                        ch.pipeline().addLast("frameEncoder", GatewayFrameEncoder.INSTANCE);
                        ch.pipeline().addLast("handler", new Handler());
                    }
                })
                .connect(host, port);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("Worker '{}': cannot connect to gateway {}: {}", links.options().name(), address,
                        f.cause().toString());
                watchdog.scheduleReconnect();
            }
        });
    }

    /**
     * The registers list this gateway again ({@code true}) or no longer ({@code false}). An unlisted gateway keeps
     * its open connection (a register that just restarted sends partial lists; traffic must not suffer) but is not
     * reconnected once that connection closes.
     */
    @Override
    public void setListed(boolean listed) {
        if (!watchdog.setReconnecting(listed)) {
            return;
        }
        if (listed && !isConnected()) {
            connect();
        } else if (!listed && !isConnected()) {
            links.forget(this);
        }
    }

    /** Writes a command to the gateway; false when not connected (the caller counts the drop). */
    @Override
    public boolean send(GatewayFrame frame) {
        Channel ch = channel;
        WriteBatcher w = writer;
        if (ch == null || w == null || !ch.isActive() || awaitingAnswer) {
            return false;
        }
        // Commands from every handler thread share one flush per burst.
        w.write(frame);
        return true;
    }

    /**
     * Completes on the link's loop once the commands queued before the call are written: they are drained from the
     * batcher, then an empty buffer written behind them completes after them (also through TLS).
     */
    @Override
    public CompletableFuture<Void> commandsWritten() {
        Channel ch = channel;
        WriteBatcher w = writer;
        if (ch == null || w == null || !ch.isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            ch.eventLoop().execute(() -> {
                w.flushQueued();
                ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> written.complete(null));
            });
        } catch (RejectedExecutionException e) {
            written.complete(null);
        }
        return written;
    }

    /** Stops or resumes reading events (backpressure when the worker falls behind). */
    @Override
    public void setReading(boolean reading) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(reading);
        }
    }

    /**
     * Tells the gateway this worker is leaving; completes when the gateway confirmed that it sends no further event
     * (a PHP gateway never confirms: the caller bounds the wait).
     */
    @Override
    public CompletableFuture<Void> leave() {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        leaveAck = ack;
        if (!send(GatewayFrame.command(GatewayCommand.WORKER_LEAVING, 0, 0, null, null))) {
            ack.complete(null);
        }
        return ack;
    }

    /** A gateway that confirms handled events is a JGateway gateway, which also confirms a leave. */
    @Override
    public boolean confirmsLeave() {
        return acks;
    }

    /** Closes for good (the gateway left the register's list, or the worker stops). */
    @Override
    public void close() {
        watchdog.stop();
        Channel ch = channel;
        if (ch != null) {
            if (acks) {
                ch.write(ackFrame(),
                        ch.voidPromise());
            }
            // After everything written so far (the last replies of a stopping worker) has been flushed.
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        CompletableFuture<Void> ack = leaveAck;
        if (ack != null) {
            ack.complete(null);
        }
    }

    @Override
    public Runnable eventReceived() {
        HandledWatermark watermark = handled;
        long seq = watermark.received();
        return () -> eventHandled(watermark, seq);
    }

    /** An event from this gateway was handled: confirm it soon (batched, so one small frame covers many events). */
    private void eventHandled(HandledWatermark watermark, long seq) {
        watermark.handled(seq);
        if (watermark != handled) {
            // Received on a connection that is gone: that gateway redelivers or counts it, nothing to confirm.
            return;
        }
        Channel ch = channel;
        if (acks && ch != null && ackScheduled.compareAndSet(false, true)) {
            ch.eventLoop().schedule(this::sendAck, ACK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sendAck() {
        ackScheduled.set(false);
        send(ackFrame());
    }

    /**
     * Confirms the events handled so far as a watermark: the number of events, in arrival order, all of which are
     * handled (it travels mod 2^32 in connection_id). The gateway drops exactly that prefix of what it keeps.
     */
    private GatewayFrame ackFrame() {
        return GatewayFrame.command(GatewayCommand.WORKER_ACK, (int) handled.watermark(), 0, null, null);
    }

    private byte[] authBody() {
        var body = JSON.createObjectNode();
        body.put("worker_key", links.workerKey());
        body.put("secret_key", links.options().cluster().secretKey());
        // Our gateways then keep (at-least-once) or count (at-most-once) the events a crashed worker never
        // handled; PHP gateways ignore both fields.
        body.put("acks", true);
        body.put("delivery", links.options().delivery() == DeliveryGuarantee.AT_LEAST_ONCE ? "at-least-once" : "at-most-once");
        Duration peerTimeout = links.options().cluster().peerTimeout();
        if (!peerTimeout.isZero()) {
            // Our gateways then watch this link and answer with the timeout both ends apply; PHP gateways ignore it.
            body.put(PeerTimeout.FIELD, peerTimeout.toMillis());
        }
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private final class Handler extends SimpleChannelInboundHandler<GatewayFrame> {

        /** Whether this connection received its first frame. */
        private boolean answered;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            writer = new WriteBatcher(ctx.channel());
            handled = new HandledWatermark();
            // Whoever listens on this address now (a PHP gateway after a JGateway one, say) says again whether it
            // takes confirmations: until it does, none is sent and a leave is not waited for.
            acks = false;
            awaitingAnswer = agreedTimeout != null;
            channel = ctx.channel();
            watchdog.reset();
            ctx.writeAndFlush(GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null, authBody()));
            if (awaitingAnswer) {
                log.info("Worker '{}' reconnected to gateway {}: used once it answers", links.options().name(),
                        address);
            } else {
                log.info("Worker '{}' connected to gateway {}", links.options().name(), address);
            }
            links.connected(TcpGatewayConnection.this);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, GatewayFrame frame) {
            Duration agreed = PeerTimeout.answered(frame);
            if (!answered) {
                answered = true;
                if (awaitingAnswer) {
                    log.info("Worker '{}': gateway {} answers, using it again", links.options().name(), address);
                    awaitingAnswer = false;
                }
                if (agreed == null) {
                    // Not a gateway that watches links (PHP, or ours with the check off): nothing to wait for.
                    agreedTimeout = null;
                }
            }
            if (agreed != null) {
                watch(ctx, agreed);
                return;
            }
            if (frame.cmd() == GatewayCommand.WORKER_ACK) {
                acks = true;
                return;
            }
            if (frame.cmd() == GatewayCommand.WORKER_LEAVING) {
                CompletableFuture<Void> ack = leaveAck;
                if (ack != null) {
                    ack.complete(null);
                }
                return;
            }
            listener.received(TcpGatewayConnection.this, frame);
        }

        /** The gateway watches this link with {@code agreed}: so does the worker, from now on. */
        private void watch(ChannelHandlerContext ctx, Duration agreed) {
            if (ctx.pipeline().get(PeerLivenessHandler.NAME) != null) {
                return;
            }
            agreedTimeout = agreed;
            ctx.pipeline().addBefore(ctx.name(), PeerLivenessHandler.NAME, new PeerLivenessHandler(agreed,
                    PeerTimeout.PING, () -> {
                        links.stats().gatewaysStalled.increment();
                        log.warn("Worker '{}': gateway {} sent nothing for {} ms: stalled (stopped, frozen or cut "
                                + "off), closing the link and reconnecting; it is used again once it answers",
                                links.options().name(), address, agreed.toMillis());
                    }));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel()) {
                channel = null;
            }
            // Nothing more arrives on a closed connection: a stopping worker need not wait for its confirmation.
            CompletableFuture<Void> ack = leaveAck;
            if (ack != null) {
                ack.complete(null);
            }
            boolean listed = watchdog.isReconnecting();
            links.disconnected(TcpGatewayConnection.this, listed);
            if (listed) {
                log.info("Worker '{}': connection to gateway {} closed, reconnecting", links.options().name(), address);
                watchdog.scheduleReconnect();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.debug("Worker '{}': gateway {} I/O error: {}", links.options().name(), address, cause.toString());
            } else {
                log.warn("Worker '{}': gateway {} connection failed: closing", links.options().name(), address, cause);
            }
            ctx.close();
        }
    }
}
