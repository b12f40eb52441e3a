package org.jgateway.transport;

import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An event loop group and the transport whose channels it hosts. Engines of one JVM should share one instance: on
 * a 2-core box two loops serve register, gateways, workers and clients better than a group per engine.
 * <p>
 * Only instances made by {@link #create} own their group and shut it down on {@link #close()}.
 */
public final class EventLoopResources implements AutoCloseable {

    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final boolean owned;

    private EventLoopResources(EventLoopGroup group, NettyTransport transport, boolean owned) {
        this.group = group;
        this.transport = transport;
        this.owned = owned;
    }

    /** 0: {@linkplain #defaultThreads() one loop per two cores}. */
    public static final int DEFAULT_THREADS = 0;

    /**
     * A new group of {@code threads} loops (0 = {@linkplain #defaultThreads() one per two cores}) on the
     * {@linkplain NettyTransport#auto() best transport}.
     */
    public static EventLoopResources create(int threads, String threadName) {
        return create(threads, threadName, true);
    }

    /**
     * Like {@link #create(int, String)}; {@code daemon = false} makes the loops keep the JVM alive until
     * {@link #close()} (for processes whose only work is serving connections).
     */
    public static EventLoopResources create(int threads, String threadName, boolean daemon) {
        return create(threads, threadName, daemon, NettyTransport.auto());
    }

    /** Like {@link #create(int, String, boolean)} on {@code transport}. */
    public static EventLoopResources create(int threads, String threadName, boolean daemon, NettyTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative (0 for one per two cores), got " + threads);
        }
        int loops = threads > 0 ? threads : defaultThreads();
        return new EventLoopResources(transport.newGroup(loops, threadName, daemon), transport, true);
    }

    /**
     * One loop per two cores (at least one), not Netty's two per core: the loops never block, and each needs a core
     * while the cores are shared with the worker's handler threads, the application and, on small machines, other
     * processes. Every loop more than that adds sleeps, wake-ups and preemption between threads. On 2 cores with the
     * load generator beside the server, one loop against two: the reference app's close-handshake churn 67-77
     * against 104-110 µs per cycle, echo 100 x 1 p99 2.1-2.9 against 3.1-4.2 ms, the same echo throughput.
     */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Wraps a group the caller owns and will shut down; {@code transport} must match it. */
    public static EventLoopResources wrap(EventLoopGroup group, NettyTransport transport) {
        return new EventLoopResources(Objects.requireNonNull(group), Objects.requireNonNull(transport), false);
    }

    /** A view of these resources that does not shut the group down when closed. */
    public EventLoopResources borrowed() {
        return owned ? new EventLoopResources(group, transport, false) : this;
    }

    public EventLoopGroup group() {
        return group;
    }

    public NettyTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        if (owned) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
