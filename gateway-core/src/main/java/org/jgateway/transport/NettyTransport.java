package org.jgateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport in use: native epoll where the optional {@code netty-transport-native-epoll} is on the class
 * path and loads, else NIO. One instance describes the I/O handler factory and the matching channel classes.
 */
public final class NettyTransport {

    /** System property that forces NIO even where epoll is available ({@code -Djgateway.transport=nio}). */
    public static final String TRANSPORT_PROPERTY = "jgateway.transport";

    private static final NettyTransport NIO = new NettyTransport("nio", false);
    // Building it loads no epoll class: they are only referenced inside its methods.
    private static final NettyTransport EPOLL = new NettyTransport("epoll", true);

    private final String name;
    private final boolean native_;

    private NettyTransport(String name, boolean nativeTransport) {
        this.name = name;
        this.native_ = nativeTransport;
    }

    /** Epoll when available and not disabled by {@value #TRANSPORT_PROPERTY}{@code =nio}, else NIO. */
    public static NettyTransport auto() {
        if ("nio".equalsIgnoreCase(System.getProperty(TRANSPORT_PROPERTY))) {
            return NIO;
        }
        return epollAvailable() ? EPOLL : NIO;
    }

    public static NettyTransport nio() {
        return NIO;
    }

    private static boolean epollAvailable() {
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, NettyTransport.class.getClassLoader());
            return EpollHolder.AVAILABLE;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return native_ ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * A new event loop group; with {@code daemon = false} its threads keep the JVM alive until the group is shut
     * down, as a server's threads should when nothing else does (a process running only gateway roles).
     */
    public EventLoopGroup newGroup(int threads, String threadName, boolean daemon) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, daemon), ioHandlerFactory());
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return native_ ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> socketChannelClass() {
        return native_ ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class EpollHolder {
        static final boolean AVAILABLE = Epoll.isAvailable();
    }
}
