package org.jgateway.register;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jgateway.protocol.SecretKey;
import org.jgateway.protocol.register.RegisterMessage;
import org.jgateway.protocol.register.RegisterMessage.BroadcastAddresses;
import org.jgateway.protocol.register.RegisterMessage.GatewayConnect;
import org.jgateway.protocol.register.RegisterMessage.Ping;
import org.jgateway.protocol.register.RegisterMessage.WorkerConnect;
import org.jgateway.transport.PeerFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register's logic (GatewayWorker {@code Register::onMessage}/{@code onClose}): checks secrets, records gateway
 * addresses and worker connections, and sends the address list to workers on every change.
 * <p>
 * Shared by all connections of one register, which all live on one event loop, so the {@link GatewayDirectory}
 * needs no locking and broadcasts reach each worker in the order the changes happened.
 */
@Sharable
final class RegisterServerHandler extends SimpleChannelInboundHandler<RegisterMessage> {

    private static final Logger log = LoggerFactory.getLogger(RegisterServer.class);

    /** The start of PHP's reply to a line it cannot read; the rest of it is ours. */
    static final String BAD_REQUEST = "Bad request for Register service";

    // Set once a connection is being rejected: lines already read behind the bad one are ignored.
    private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf(RegisterServerHandler.class, "rejected");

    private final SecretKey secretKey;
    private final GatewayDirectory directory;
    private final RegisterCounters counters;
    private volatile boolean stopping;

    RegisterServerHandler(String secretKey, GatewayDirectory directory, RegisterCounters counters) {
        super(RegisterMessage.class);
        this.secretKey = new SecretKey(secretKey);
        this.directory = directory;
        this.counters = counters;
    }

    /**
     * From now on closing gateway connections are not broadcast: workers must keep the last list of a register that
     * goes down, not see every gateway leave.
     */
    void stopping() {
        stopping = true;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RegisterMessage message) {
        if (ctx.channel().hasAttr(REJECTED)) {
            return;
        }
        counters.messages.increment();
        if (message instanceof GatewayConnect gateway) {
            gatewayConnect(ctx, gateway);
        } else if (message instanceof WorkerConnect worker) {
            workerConnect(ctx, worker);
        } else if (message instanceof Ping ping) {
            if (ping.asksForAnswer()) {
                // A JGateway peer checks us for a stall; PHP peers never ask, so never get a line they do not know.
                ctx.writeAndFlush(Ping.INSTANCE, ctx.voidPromise());
            }
        } else {
            badRequest(ctx, "unexpected event \"" + message.event() + "\"");
        }
    }

    private void gatewayConnect(ChannelHandlerContext ctx, GatewayConnect gateway) {
        if (gateway.address().isEmpty()) {
            badRequest(ctx, "gateway_connect without an address");
            return;
        }
        if (!secretKey.matches(gateway.secretKey())) {
            wrongSecret(ctx, GatewayConnect.EVENT);
            return;
        }
        directory.addGateway(ctx.channel(), gateway.address());
        log.info("Gateway {} registered from {}", gateway.address(), ctx.channel().remoteAddress());
        broadcast();
    }

    private void workerConnect(ChannelHandlerContext ctx, WorkerConnect worker) {
        if (!secretKey.matches(worker.secretKey())) {
            wrongSecret(ctx, WorkerConnect.EVENT);
            return;
        }
        directory.addWorker(ctx.channel());
        log.debug("Worker connected from {}", ctx.channel().remoteAddress());
        ctx.writeAndFlush(new BroadcastAddresses(directory.addresses()), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String address = directory.addressOf(ctx.channel());
        if (directory.remove(ctx.channel())) {
            log.info("Gateway {} unregistered ({} closed)", address, ctx.channel().remoteAddress());
            if (!stopping) {
                broadcast();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().hasAttr(REJECTED)) {
            return;
        }
        if (cause instanceof DecoderException) {
            badRequest(ctx, PeerFailures.isPlaintextOnTls(cause) ? PeerFailures.describe(cause)
                    : cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("Register connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            log.warn("Register connection {} failed, closing", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private void broadcast() {
        BroadcastAddresses list = new BroadcastAddresses(directory.addresses());
        for (Channel worker : directory.workers()) {
            worker.writeAndFlush(list, worker.voidPromise());
        }
    }

    private void wrongSecret(ChannelHandlerContext ctx, String event) {
        counters.wrongSecrets.increment();
        log.warn("Register: secret_key of {} from {} does not match, closing", event, ctx.channel().remoteAddress());
        reject(ctx, null);
    }

    private void badRequest(ChannelHandlerContext ctx, @Nullable String reason) {
        counters.badRequests.increment();
        log.warn("Register: bad request from {}: {}", ctx.channel().remoteAddress(), reason);
        reject(ctx, BAD_REQUEST + ": " + reason + "\n");
    }

    private static void reject(ChannelHandlerContext ctx, @Nullable String reply) {
        ctx.channel().attr(REJECTED).set(Boolean.TRUE);
        if (reply == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
