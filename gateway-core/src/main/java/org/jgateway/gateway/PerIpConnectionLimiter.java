package org.jgateway.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the open client connections of one listener per remote IP address: a connection beyond the cap is closed as
 * soon as it is accepted, before TLS or any protocol handler runs and before the gateway or a worker hears of it.
 * One instance is shared by all connections of a listener; it sits first in their pipelines.
 * <p>
 * Rejections are logged at WARN at most once per {@link #WARN_INTERVAL_NANOS} (with the number suppressed since), and
 * otherwise at DEBUG: a client hammering the port must not flood the log.
 */
@Sharable
final class PerIpConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PerIpConnectionLimiter.class);

    static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Set on connections that were counted, so that only they are uncounted when they close. */
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(PerIpConnectionLimiter.class, "ip");

    private final int maxPerIp;
    private final String listener;
    private final GatewayStats stats;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong suppressed = new AtomicLong();

    PerIpConnectionLimiter(int maxPerIp, String listener, GatewayStats stats) {
        if (maxPerIp < 1) {
            throw new IllegalArgumentException("maxPerIp must be positive: " + maxPerIp);
        }
        this.maxPerIp = maxPerIp;
        this.listener = listener;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress ip = ipOf(ctx.channel().remoteAddress());
        if (ip == null) {
            ctx.fireChannelActive();
            return;
        }
        boolean[] admitted = {false};
        open.compute(ip, (key, count) -> {
            int n = count == null ? 0 : count;
            if (n >= maxPerIp) {
                return count;
            }
            admitted[0] = true;
            return n + 1;
        });
        if (admitted[0]) {
            ctx.channel().attr(COUNTED).set(ip);
            ctx.fireChannelActive();
        } else {
            reject(ctx, ip);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress ip = ctx.channel().attr(COUNTED).getAndSet(null);
        if (ip != null) {
            open.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
        }
        ctx.fireChannelInactive();
    }

    private void reject(ChannelHandlerContext ctx, InetAddress ip) {
        stats.connectionsRejectedPerIpLimit.increment();
        // channelActive is not passed on: nothing behind this handler ever sees the connection.
        ctx.close();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            log.warn("Listener '{}': {} already has {} connections (maxConnectionsPerIp), closing the new one{}",
                    listener, ip.getHostAddress(), maxPerIp,
                    more > 0 ? " (" + more + " more rejected since the last warning)" : "");
        } else {
            suppressed.incrementAndGet();
            log.debug("Listener '{}': {} over maxConnectionsPerIp, closing", listener, ip.getHostAddress());
        }
    }

    private static InetAddress ipOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
