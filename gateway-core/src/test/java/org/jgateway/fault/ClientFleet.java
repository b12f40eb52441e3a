package org.jgateway.fault;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Text clients of the gateways under test, on one Netty event loop group of this JVM. */
final class ClientFleet implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<SeqClient> clients = new ArrayList<>();

    /** Connects {@code count} clients named {@code <prefix><i>} to {@code 127.0.0.1:port}, waiting for all. */
    List<SeqClient> connect(String prefix, int count, int port) {
        return connect(prefix, count, port, 0);
    }

    /** Like {@link #connect(String, int, int)}, with a fixed socket send buffer of {@code sendBuffer} bytes. */
    List<SeqClient> connect(String prefix, int count, int port, int sendBuffer) {
        List<SeqClient> connected = new ArrayList<>(count);
        List<ChannelFuture> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SeqClient client = new SeqClient(prefix + i);
            Bootstrap b = bootstrap(client, 0);
            if (sendBuffer > 0) {
                b.option(ChannelOption.SO_SNDBUF, sendBuffer);
            }
            futures.add(b.connect("127.0.0.1", port));
            connected.add(client);
        }
        for (int i = 0; i < count; i++) {
            Channel ch = futures.get(i).syncUninterruptibly().channel();
            connected.get(i).attach(ch);
        }
        synchronized (clients) {
            clients.addAll(connected);
        }
        return connected;
    }

    /**
     * A client that stops reading at once, with a small receive buffer: the kernel buffers fill quickly and what
     * the gateway sends it piles up in the gateway.
     */
    SeqClient connectNonReading(String id, int port) {
        SeqClient client = new SeqClient(id);
        Bootstrap b = bootstrap(client, 4096).option(ChannelOption.AUTO_READ, false);
        client.attach(b.connect("127.0.0.1", port).syncUninterruptibly().channel());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /**
     * Opens {@code count} bare connections as fast as possible, each given {@code timeoutMillis} to connect, and
     * returns those that connected (a connection the server has not accepted yet still counts: the kernel completed
     * its handshake and holds it in the listen backlog).
     */
    List<Channel> flood(int port, int count, int timeoutMillis) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Bare connections: whatever arrives is released by the pipeline's tail.
                    }
                });
        List<ChannelFuture> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(b.connect("127.0.0.1", port));
        }
        List<Channel> connected = new ArrayList<>(count);
        for (ChannelFuture f : futures) {
            if (f.awaitUninterruptibly().isSuccess()) {
                connected.add(f.channel());
            }
        }
        return connected;
    }

    private Bootstrap bootstrap(SeqClient client, int receiveBuffer) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(1 << 20),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                client);
                    }
                });
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        return b;
    }

    /** Closes the given clients and waits until their connections are closed. */
    void closeAll(List<SeqClient> toClose) {
        toClose.forEach(SeqClient::close);
        for (SeqClient c : toClose) {
            c.channel().closeFuture().syncUninterruptibly();
        }
        synchronized (clients) {
            clients.removeAll(toClose);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(SeqClient::close);
            clients.clear();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
