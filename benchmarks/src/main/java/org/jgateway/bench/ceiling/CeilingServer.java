package org.jgateway.bench.ceiling;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import org.jgateway.transport.EventLoopResources;

/**
 * The one-hop ceiling: a minimal Netty server (WebSocket and newline text, epoll when available) that answers
 * clients on the event loop that read them, with the reference app's visible behaviour for the benchmark scenarios
 * (see {@link CeilingHandler}). What a gateway would cost if it had no worker hop at all.
 */
public final class CeilingServer implements AutoCloseable {

    private final EventLoopResources loops;
    private final Channel ws;
    private final Channel text;

    public CeilingServer(String host, int wsPort, int textPort, int threads) {
        this.loops = EventLoopResources.create(threads, "ceiling");
        CeilingHandler wsHandler = new CeilingHandler(true);
        CeilingHandler textHandler = new CeilingHandler(false);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(1 << 20).build();
        this.ws = bootstrap().childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler(config), wsHandler);
            }
        }).bind(host, wsPort).syncUninterruptibly().channel();
        this.text = bootstrap().childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(1 << 20), textHandler);
            }
        }).bind(host, textPort).syncUninterruptibly().channel();
    }

    private ServerBootstrap bootstrap() {
        return new ServerBootstrap()
                .group(loops.group())
                .channel(loops.transport().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    public int wsPort() {
        return ((InetSocketAddress) ws.localAddress()).getPort();
    }

    public int textPort() {
        return ((InetSocketAddress) text.localAddress()).getPort();
    }

    public String transport() {
        return loops.transport().name();
    }

    @Override
    public void close() {
        ws.close().syncUninterruptibly();
        text.close().syncUninterruptibly();
        loops.close();
    }
}
