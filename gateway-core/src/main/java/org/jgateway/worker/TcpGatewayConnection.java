package org.jgateway.worker;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.GatewayFrameEncoder;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.HostAndPort;
import org.jgateway.transport.MutualTls;
import org.jgateway.transport.WriteBatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A business worker's connection to one gateway: authenticates with {@code CMD_WORKER_CONNECT}, receives client
 * events, carries the worker's commands, and reconnects while the gateway is listed: first after
 * {@code reconnectDelay} (GatewayWorker's 1 s), then backing off up to the cluster's {@code maxReconnectDelay}, so a
 * gateway that stays down is not hammered; a successful connection resets the delay.
 */
final class TcpGatewayConnection implements GatewayConnection {

    private static final Logger log = LoggerFactory.getLogger(TcpGatewayConnection.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    /** How long handled events wait before one confirmation covers them all. */
    private static final long ACK_INTERVAL_MILLIS = 20;

    private final String address;
    private final String host;
    private final int port;
    private final BusinessWorker worker;
    private volatile Channel channel;
    private volatile WriteBatcher writer;
    private volatile boolean wanted = true;
    private volatile CompletableFuture<Void> leaveAck;
    // Delivery confirmation (GatewayCommand.WORKER_ACK), once the gateway said it counts them.
    private volatile boolean acks;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicBoolean ackScheduled = new AtomicBoolean();
    private ScheduledFuture<?> retry;
    private volatile int failedAttempts;

    TcpGatewayConnection(String address, BusinessWorker worker) {
        this.address = address;
        HostAndPort hostAndPort = HostAndPort.parse(address, "gateway address");
        this.host = hostAndPort.host();
        this.port = hostAndPort.port();
        this.worker = worker;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public void connect() {
        if (!wanted) {
            return;
        }
        ChannelFuture future = new Bootstrap()
                .group(worker.resources().group())
                .channel(worker.resources().transport().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) worker.options().cluster().connectTimeout().toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext tls = worker.options().cluster().gatewaySslContext();
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
                log.debug("Worker '{}': cannot connect to gateway {}: {}", worker.options().name(), address,
                        f.cause().toString());
                scheduleRetry(future.channel());
            }
        });
    }

    private void scheduleRetry(Channel failed) {
        if (!wanted) {
            return;
        }
        ClusterConnectionOptions cluster = worker.options().cluster();
        long base = cluster.reconnectDelay().toMillis();
        long delay = Math.min(base << Math.min(failedAttempts, 16), cluster.maxReconnectDelay().toMillis());
        failedAttempts++;
        retry = failed.eventLoop().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * The registers list this gateway again ({@code true}) or no longer ({@code false}). An unlisted gateway keeps
     * its open connection (a register that just restarted sends partial lists; traffic must not suffer) but is not
     * reconnected once that connection closes.
     */
    @Override
    public void setListed(boolean listed) {
        if (listed == wanted) {
            return;
        }
        wanted = listed;
        if (listed && !isConnected()) {
            connect();
        } else if (!listed) {
            ScheduledFuture<?> r = retry;
            if (r != null) {
                r.cancel(false);
            }
            if (!isConnected()) {
                worker.forget(this);
            }
        }
    }

    /** Writes a command to the gateway; false when not connected (the caller counts the drop). */
    @Override
    public boolean send(GatewayFrame frame) {
        Channel ch = channel;
        WriteBatcher w = writer;
        if (ch == null || w == null || !ch.isActive()) {
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
        wanted = false;
        ScheduledFuture<?> r = retry;
        if (r != null) {
            r.cancel(false);
        }
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

    /** An event from this gateway was handled: confirm it soon (batched, so one small frame covers many events). */
    @Override
    public void eventHandled() {
        handled.incrementAndGet();
        Channel ch = channel;
        if (acks && ch != null && ackScheduled.compareAndSet(false, true)) {
            ch.eventLoop().schedule(this::sendAck, ACK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sendAck() {
        ackScheduled.set(false);
        send(ackFrame());
    }

    /** Confirms every event handled so far (the count travels mod 2^32 in connection_id). */
    private GatewayFrame ackFrame() {
        return GatewayFrame.command(GatewayCommand.WORKER_ACK, (int) handled.get(), 0, null, null);
    }

    private byte[] authBody() {
        var body = JSON.createObjectNode();
        body.put("worker_key", worker.workerKey());
        body.put("secret_key", worker.options().cluster().secretKey());
        // Our gateways then count the events a crashed worker never handled; PHP gateways ignore the field.
        body.put("acks", true);
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private final class Handler extends SimpleChannelInboundHandler<GatewayFrame> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            writer = new WriteBatcher(ctx.channel());
            channel = ctx.channel();
            failedAttempts = 0;
            ctx.writeAndFlush(GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null, authBody()));
            log.info("Worker '{}' connected to gateway {}", worker.options().name(), address);
            worker.gatewayConnected(TcpGatewayConnection.this);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, GatewayFrame frame) {
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
            worker.onGatewayFrame(TcpGatewayConnection.this, frame);
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
            worker.gatewayDisconnected(TcpGatewayConnection.this);
            if (!wanted) {
                worker.forget(TcpGatewayConnection.this);
            } else {
                log.info("Worker '{}': connection to gateway {} closed, reconnecting", worker.options().name(), address);
                scheduleRetry(ctx.channel());
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.debug("Worker '{}': gateway {} I/O error: {}", worker.options().name(), address, cause.toString());
            } else {
                log.warn("Worker '{}': gateway {} connection failed: closing", worker.options().name(), address, cause);
            }
            ctx.close();
        }
    }
}
