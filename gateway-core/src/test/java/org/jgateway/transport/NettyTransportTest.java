package org.jgateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.transport.NettyTransport.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every transport the gateway.transport property offers carries bytes over real loopback sockets. */
class NettyTransportTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void carriesAnEchoOverLoopback(Kind kind) throws Exception {
        if (kind == Kind.EPOLL || kind == Kind.IO_URING) {
            String why = NettyTransport.unavailability(kind);
            assumeTrue(why == null, () -> kind + " is not available on this machine: " + why);
        }
        NettyTransport transport = NettyTransport.of(kind);
        try (EventLoopResources loops = EventLoopResources.create(1, "transport-test", true, transport)) {
            Channel server = new ServerBootstrap().group(loops.group()).channel(transport.serverChannelClass())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(loops.group()).channel(transport.socketChannelClass())
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf buf = (ByteBuf) msg;
                            echoed.complete(buf.toString(StandardCharsets.US_ASCII));
                            buf.release();
                        }
                    }).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));

            assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("ping");
            assertThat(((InetSocketAddress) server.localAddress()).getPort()).isPositive();
            assertThat(transport.name()).isIn("nio", "epoll", "io_uring");
            client.close().sync();
            server.close().sync();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "AUTO", "epoll", "io_uring", "io-uring", "nio"})
    void namesAreThoseOfTheProperty(String name) {
        Kind kind = Kind.valueOf(name.toUpperCase().replace('-', '_'));
        if (kind == Kind.EPOLL || kind == Kind.IO_URING) {
            assumeTrue(NettyTransport.unavailability(kind) == null, kind + " is not available on this machine");
        }
        assertThat(NettyTransport.named(name).name()).isEqualTo(
                kind == Kind.AUTO ? NettyTransport.of(Kind.AUTO).name() : kind.name().toLowerCase());
    }

    @Test
    void autoIsEpollWhereItLoadsAndNeverIoUring() {
        assertThat(NettyTransport.of(Kind.AUTO).name())
                .isEqualTo(NettyTransport.unavailability(Kind.EPOLL) == null ? "epoll" : "nio");
    }

    @Test
    void unknownNamesAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> NettyTransport.named("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown transport 'kqueue': use auto, epoll, io_uring or nio");
    }
}
