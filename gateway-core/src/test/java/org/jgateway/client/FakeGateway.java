package org.jgateway.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.QueryReplyCodec;
import org.jgateway.transport.EventLoopResources;

/**
 * A gateway inner port for tests: records every frame per connection and answers query frames in order with the
 * payload its answerer gives. An answerer returning null stalls the connection (no further replies on it), as a
 * busy or hung gateway would.
 */
final class FakeGateway implements AutoCloseable {

    /** A frame and the number of the connection (0, 1, ... in accept order) it came on. */
    record Received(int connection, GatewayFrame frame) {
    }

    private final EventLoopResources loops = EventLoopResources.create(1, "fake-gateway");
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Channel server;
    private volatile Function<GatewayFrame, byte[]> answerer;

    FakeGateway(Function<GatewayFrame, byte[]> answerer) {
        this.answerer = answerer;
        this.server = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.transport().serverChannelClass())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new GatewayFrameDecoder(), new Handler(accepted.getAndIncrement()));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    String address() {
        return "127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    void answerer(Function<GatewayFrame, byte[]> answerer) {
        this.answerer = answerer;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Frames received on connection {@code n}. */
    List<GatewayFrame> framesOn(int n) {
        List<GatewayFrame> frames = new ArrayList<>();
        for (Received r : received) {
            if (r.connection() == n) {
                frames.add(r.frame());
            }
        }
        return frames;
    }

    int acceptedConnections() {
        return accepted.get();
    }

    int openConnections() {
        return channels.size();
    }

    /** Closes every accepted connection, as a restarting gateway would. */
    void dropConnections() {
        channels.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        loops.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<GatewayFrame> {

        private final int connection;
        private boolean stalled;

        Handler(int connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, GatewayFrame frame) {
            received.add(new Received(connection, frame));
            if (!GatewayCommand.isQuery(frame.cmd()) || stalled) {
                return;
            }
            byte[] payload = answerer.apply(frame);
            if (payload == null) {
                stalled = true;
                return;
            }
            ctx.writeAndFlush(QueryReplyCodec.encode(ctx.alloc(), payload));
        }
    }
}
