package org.jgateway.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.transport.EventLoopResources;

/**
 * Opens generator connections to one {@link Target} on its own event loops (epoll when available). Counts the
 * socket reads of all its connections, so a fan-out run can tell whether the server coalesces writes.
 */
public final class ClientFactory implements AutoCloseable {

    static final int MAX_MESSAGE = 1 << 20;

    private final Target target;
    /** Closed with this factory unless borrowed (then its owner closes it). */
    private final EventLoopResources loops;
    private final Bootstrap bootstrap;
    private final LongAdder reads = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** A factory with {@code threads} event loops of its own. */
    public ClientFactory(Target target, int threads) {
        this(target, EventLoopResources.create(threads, "bench-client"));
    }

    /**
     * A factory on {@code loops}, closed with it; pass {@link EventLoopResources#borrowed()} to share one group of
     * event loops between factories for several targets.
     */
    public ClientFactory(Target target, EventLoopResources loops) {
        this.target = target;
        this.loops = loops;
        this.bootstrap = new Bootstrap()
                .group(loops.group())
                .channel(loops.transport().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if ("epoll".equals(loops.transport().name())) {
            // Pick the source port at connect() (unique per 4-tuple, TIME_WAIT reusable) rather than at bind(), where
            // ports left in TIME_WAIT by earlier runs on the same source address are unavailable.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
    }

    public Target target() {
        return target;
    }

    public String transport() {
        return loops.transport().name();
    }

    /**
     * Starts opening connection number {@code index} from {@code local} (null: any address); never blocks, so it may
     * be called from an event loop. Watch {@link BenchConnection#ready()}.
     */
    public BenchConnection connect(int index, InetSocketAddress local, MessageListener listener) {
        BenchConnection connection = new BenchConnection(Framing.of(target.protocol()), index);
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                connection.attach(ch);
                ch.closeFuture().addListener(f -> connection.fail(new IllegalStateException("closed before ready")));
                ChannelPipeline p = ch.pipeline();
                p.addLast("reads", new ReadCounter(reads));
                if (target.protocol() == Protocol.WS) {
                    p.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            new WebSocketHandshakeHandler(target.uri(), connection));
                } else {
                    p.addLast(new LineBasedFrameDecoder(MAX_MESSAGE));
                    p.addLast(new ConnectedHandler(connection));
                }
                p.addLast("inbound", new InboundHandler(connection, listener, errors));
            }
        });
        ChannelFuture connected = local == null ? b.connect(target.address()) : b.connect(target.address(), local);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                errors.increment();
                connection.fail(f.cause());
                connected.channel().close();
            }
        });
        return connection;
    }

    /** Runs {@code task} after {@code millis} on one of the generator's event loops. */
    public void schedule(Runnable task, long millis) {
        loops.group().next().schedule(task, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Socket reads of all connections so far. */
    public long reads() {
        return reads.sum();
    }

    /** Failed connects, handshakes and exceptions so far. */
    public long errors() {
        return errors.sum();
    }

    @Override
    public void close() {
        loops.close();
    }
}
