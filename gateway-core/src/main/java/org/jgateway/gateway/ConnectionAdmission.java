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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses each connection a listener accepts, against its limits: the open connections of the listener
 * ({@code maxConnections}), those of one remote IP address ({@code maxConnectionsPerIp}) and how fast one address opens
 * them ({@code maxConnectionRatePerIp}). A refused connection is closed as soon as it is accepted, before TLS or any
 * protocol handler runs and before the gateway or a worker hears of it, and counted by reason. One instance is shared
 * by all connections of a listener; it sits first in their pipelines.
 * <p>
 * Refusals are logged at WARN at most once per {@link #WARN_INTERVAL_NANOS} (with the number suppressed since), and
 * otherwise at DEBUG: a client hammering the port must not flood the log.
 */
@Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);

    static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Admissions between two sweeps of the rate buckets that filled up again (idle addresses). */
    private static final int SWEEP_EVERY = 4096;

    /** Set on admitted connections, so that only they are uncounted when they close. */
    private static final AttributeKey<Admitted> ADMITTED = AttributeKey.valueOf(ConnectionAdmission.class, "admitted");

    private final String listener;
    private final GatewayStats stats;
    private final int maxConnections;
    private final int maxPerIp;
    private final int ratePerIp;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> openPerIp = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, TokenBucket> ratePerIpBuckets = new ConcurrentHashMap<>();
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong suppressed = new AtomicLong();

    /** The admission of {@code options}' listener, or null when it sets no limit. */
    static @Nullable ConnectionAdmission forListener(ListenerOptions options, GatewayStats stats) {
        if (options.maxConnections() == 0 && options.maxConnectionsPerIp() == 0
                && options.maxConnectionRatePerIp() == 0) {
            return null;
        }
        return new ConnectionAdmission(options.name(), stats, options.maxConnections(), options.maxConnectionsPerIp(),
                options.maxConnectionRatePerIp());
    }

    ConnectionAdmission(String listener, GatewayStats stats, int maxConnections, int maxPerIp, int ratePerIp) {
        this.listener = listener;
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
        this.ratePerIp = ratePerIp;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        @Nullable InetAddress ip = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress() : null;
        String refusal = admit(ip);
        if (refusal == null) {
            ctx.channel().attr(ADMITTED).set(new Admitted(ip));
            ctx.fireChannelActive();
        } else {
            refuse(ctx, refusal);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Admitted admitted = ctx.channel().attr(ADMITTED).getAndSet(null);
        if (admitted != null) {
            release(admitted.ip);
        }
        ctx.fireChannelInactive();
    }

    /** Takes a place for a connection from {@code ip}, or says which limit refuses it (nothing taken then). */
    private @Nullable String admit(@Nullable InetAddress ip) {
        if (maxConnections > 0 && open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return refused(stats.connectionsRejectedMaxConnections, "it has " + maxConnections
                    + " connections open (maxConnections)");
        }
        if (maxConnections == 0) {
            open.incrementAndGet();
        }
        if (ip != null && ratePerIp > 0 && !takeRateToken(ip)) {
            open.decrementAndGet();
            return refused(stats.connectionsRejectedPerIpRate, ip.getHostAddress() + " opened more than " + ratePerIp
                    + " connections in the last second (maxConnectionRatePerIp)");
        }
        if (ip != null && maxPerIp > 0 && !takeIpPlace(ip)) {
            open.decrementAndGet();
            return refused(stats.connectionsRejectedPerIpLimit, ip.getHostAddress() + " already has " + maxPerIp
                    + " connections (maxConnectionsPerIp)");
        }
        return null;
    }

    private void release(@Nullable InetAddress ip) {
        open.decrementAndGet();
        if (ip != null && maxPerIp > 0) {
            openPerIp.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    private boolean takeIpPlace(InetAddress ip) {
        boolean[] admitted = {false};
        openPerIp.compute(ip, (key, count) -> {
            int n = count == null ? 0 : count;
            if (n >= maxPerIp) {
                return count;
            }
            admitted[0] = true;
            return n + 1;
        });
        return admitted[0];
    }

    private boolean takeRateToken(InetAddress ip) {
        long now = System.nanoTime();
        boolean[] admitted = {false};
        // compute() holds the entry's lock: one thread at a time uses a bucket.
        ratePerIpBuckets.compute(ip, (key, bucket) -> {
            TokenBucket b = bucket != null ? bucket : new TokenBucket(ratePerIp, now);
            admitted[0] = b.tryTake(now);
            return b;
        });
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            // A full bucket is what a new one would be: forget addresses that stopped connecting.
            ratePerIpBuckets.forEach((key, bucket) -> ratePerIpBuckets.computeIfPresent(key,
                    (k, b) -> b.isFull(now) ? null : b));
        }
        return admitted[0];
    }

    private static String refused(LongAdder counter, String why) {
        counter.increment();
        return why;
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        // channelActive is not passed on: nothing behind this handler ever sees the connection.
        ctx.close();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            log.warn("Listener '{}' refused a connection from {}: {}{}", listener, address(ctx.channel().remoteAddress()),
                    why, more > 0 ? " (" + more + " more refused since the last warning)" : "");
        } else {
            suppressed.incrementAndGet();
            log.debug("Listener '{}' refused a connection: {}", listener, why);
        }
    }

    private static String address(@Nullable SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    /** What an admitted connection holds, to give back when it closes. */
    private record Admitted(@Nullable InetAddress ip) {
    }
}
