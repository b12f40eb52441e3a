package org.jgateway.gateway.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jgateway.transport.EventLoopResources;

/** A listener on 127.0.0.1 with {@link ClientPipeline} and a fresh {@link TestTail} per accepted connection. */
final class TestServer implements AutoCloseable {

    private final Channel serverChannel;
    private final BlockingQueue<TestTail> accepted = new LinkedBlockingQueue<>();

    private TestServer(EventLoopResources loops, ListenerOptions options, Supplier<TestTail> tails) {
        serverChannel = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.transport().serverChannelClass())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        TestTail tail = tails.get();
                        accepted.add(tail);
                        ClientPipeline.initialize(ch, options, tail);
                    }
                })
                .bind(options.host(), options.port())
                .syncUninterruptibly()
                .channel();
    }

    /** A server whose tails echo every message with the listener's encoder. */
    static TestServer echo(EventLoopResources loops, ListenerOptions options) {
        return new TestServer(loops, options, () -> new TestTail(ClientEncoders.encoderFor(options)));
    }

    /** A server with tails of the caller's making. */
    static TestServer custom(EventLoopResources loops, ListenerOptions options, Supplier<TestTail> tails) {
        return new TestServer(loops, options, tails);
    }

    /** A server whose tails only record. */
    static TestServer recording(EventLoopResources loops, ListenerOptions options) {
        return new TestServer(loops, options, TestTail::new);
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The tail of the next accepted connection. */
    TestTail nextTail() throws InterruptedException {
        TestTail tail = accepted.poll(5, TimeUnit.SECONDS);
        if (tail == null) {
            throw new AssertionError("no connection accepted within 5 s");
        }
        return tail;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
