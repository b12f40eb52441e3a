package org.jgateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ConnectionWatchdog}: scheduling by the delay, reset, switching off and on, stop, and a real reconnect. */
class ConnectionWatchdogTest {

    private final EventExecutor executor = new DefaultEventExecutor();

    @AfterEach
    void shutdown() {
        executor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void reconnectsAfterTheDelayForEachAttemptAndResets() {
        AtomicInteger attempts = new AtomicInteger();
        ConnectionWatchdog watchdog = new ConnectionWatchdog(executor,
                ReconnectDelay.exponential(Duration.ofMillis(20), Duration.ofMillis(50), 0), attempts::incrementAndGet);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(20));
        // One pending attempt at a time.
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(40));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 2);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        assertThat(watchdog.attempts()).isEqualTo(3);

        watchdog.reset();
        assertThat(watchdog.attempts()).isZero();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 4);
    }

    @Test
    void switchedOffItCancelsThePendingAttemptAndSchedulesNone() {
        AtomicInteger attempts = new AtomicInteger();
        ConnectionWatchdog watchdog = new ConnectionWatchdog(executor, ReconnectDelay.constant(Duration.ofMillis(50)),
                attempts::incrementAndGet);
        watchdog.scheduleReconnect();
        assertThat(watchdog.setReconnecting(false)).isTrue();
        assertThat(watchdog.setReconnecting(false)).isFalse();
        assertThat(watchdog.isReconnecting()).isFalse();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ZERO);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> attempts.get() == 0);

        assertThat(watchdog.setReconnecting(true)).isTrue();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
    }

    @Test
    void stopCancelsAndRefusesForGood() {
        AtomicInteger attempts = new AtomicInteger();
        ConnectionWatchdog watchdog = new ConnectionWatchdog(executor, ReconnectDelay.constant(Duration.ofMillis(50)),
                attempts::incrementAndGet);
        watchdog.scheduleReconnect();
        watchdog.stop();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ZERO);
        assertThat(watchdog.setReconnecting(true)).isFalse();
        assertThat(watchdog.isReconnecting()).isFalse();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> attempts.get() == 0);
    }

    @Test
    void bringsARealConnectionBackUntilStopped() throws Exception {
        try (EventLoopResources resources = EventLoopResources.create(1, "watchdog-test")) {
            AtomicInteger accepted = new AtomicInteger();
            // A server that hangs up on every connection: each loss must be followed by a new connection.
            Channel server = new ServerBootstrap().group(resources.group())
                    .channel(resources.transport().serverChannelClass())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.incrementAndGet();
                            ch.close();
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            EventLoop loop = resources.group().next();
            AtomicInteger lost = new AtomicInteger();
            ConnectionWatchdog[] watchdog = new ConnectionWatchdog[1];
            Bootstrap client = new Bootstrap().group(loop).channel(resources.transport().socketChannelClass())
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    watchdog[0].reset();
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    lost.incrementAndGet();
                                    watchdog[0].scheduleReconnect();
                                }
                            });
                        }
                    });
            watchdog[0] = new ConnectionWatchdog(loop, ReconnectDelay.constant(Duration.ofMillis(10)), () -> {
                ChannelFuture connect = client.connect("127.0.0.1", port);
                connect.addListener(f -> {
                    if (!f.isSuccess()) {
                        watchdog[0].scheduleReconnect();
                    }
                });
            });
            watchdog[0].scheduleReconnect();
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() >= 3 && lost.get() >= 3);
            loop.submit(watchdog[0]::stop).sync();
            int after = accepted.get();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> accepted.get() <= after + 1);
            server.close().sync();
        }
    }
}
