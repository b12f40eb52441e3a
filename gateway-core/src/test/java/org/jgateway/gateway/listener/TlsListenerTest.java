package org.jgateway.gateway.listener;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss and TLS text listeners with the committed test certificate, and {@link TlsContexts}' errors. */
class TlsListenerTest {

    private static EventLoopResources loops;

    @BeforeAll
    static void startLoops() {
        loops = EventLoopResources.create(2, "tls-test");
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @Test
    void secureWebSocket() throws Exception {
        ListenerOptions options = ListenerOptions.builder(ClientProtocol.WEBSOCKET)
                .sslContext(TlsTestSupport.server())
                .build();
        try (TestServer server = TestServer.echo(loops, options);
                WsTestClient client = WsTestClient.connect(loops, "wss://localhost:" + server.port() + "/secure",
                        new DefaultHttpHeaders(), TlsTestSupport.client(), true)) {
            TestTail tail = server.nextTail();
            assertThat(((WebSocketRequest) tail.nextEvent()).path()).isEqualTo("/secure");
            client.send(new TextWebSocketFrame("over tls"));
            assertThat(client.next().content()).asString(UTF_8).isEqualTo("over tls");
            assertThat(tail.nextMessage()).asString(UTF_8).isEqualTo("over tls");
            assertThat(tail.channel().pipeline().first()).isInstanceOf(SslHandler.class);
        }
    }

    @Test
    void secureTextWithReloadableContext() throws Exception {
        SslContext context = TlsTestSupport.server();
        AtomicInteger asked = new AtomicInteger();
        ListenerOptions options = ListenerOptions.builder(ClientProtocol.TEXT)
                .sslContextSupplier(() -> {
                    asked.incrementAndGet();
                    return context;
                })
                .build();
        try (TestServer server = TestServer.echo(loops, options)) {
            for (int i = 1; i <= 2; i++) {
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                Channel ch = tlsLineClient(server.port(), lines);
                try {
                    ch.writeAndFlush(Unpooled.copiedBuffer("line " + i + "\r\n", UTF_8)).syncUninterruptibly();
                    assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo("line " + i);
                    assertThat(server.nextTail().nextMessage()).asString(UTF_8).isEqualTo("line " + i);
                } finally {
                    ch.close().syncUninterruptibly();
                }
            }
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void unreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContexts.server(missing, TlsTestSupport.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
        assertThatThrownBy(() -> TlsContexts.server(TlsTestSupport.certificate(), garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toAbsolutePath().toString());
        assertThatThrownBy(() -> TlsContexts.server(dir, TlsTestSupport.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a readable file");
    }

    private static Channel tlsLineClient(int port, BlockingQueue<String> lines) throws Exception {
        SslContext ssl = TlsTestSupport.client();
        return new Bootstrap()
                .group(loops.group())
                .channel(loops.transport().socketChannelClass())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), "localhost", port),
                                new LineBasedFrameDecoder(1024),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                                        lines.add(new String(ByteBufUtil.getBytes(line), UTF_8));
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port)
                .syncUninterruptibly()
                .channel();
    }
}
