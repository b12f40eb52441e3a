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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Netty transport in use: native epoll or io_uring where the optional native libraries are on the class path and
 * load, else NIO. One instance describes the I/O handler factory and the matching channel classes.
 */
public final class NettyTransport {

    /**
     * System property naming the transport ({@code auto}, {@code epoll}, {@code io_uring} or {@code nio}) for
     * {@link #auto()}: {@code -Djgateway.transport=nio}.
     */
    public static final String TRANSPORT_PROPERTY = "jgateway.transport";

    /** The choices {@link #named} accepts. */
    public enum Kind {
        /** Epoll where it loads, else NIO. */
        AUTO,
        /** Linux epoll ({@code netty-transport-native-epoll}). */
        EPOLL,
        /** Linux io_uring ({@code netty-transport-native-io_uring}, kernel 5.14 or newer). */
        IO_URING,
        /** Java NIO, everywhere. */
        NIO
    }

    private static final NettyTransport NIO = new NettyTransport(Kind.NIO);
    // Building these loads no native class: they are only referenced inside methods.
    private static final NettyTransport EPOLL = new NettyTransport(Kind.EPOLL);
    private static final NettyTransport IO_URING = new NettyTransport(Kind.IO_URING);

    private final Kind kind;

    private NettyTransport(Kind kind) {
        this.kind = kind;
    }

    /**
     * The transport {@value #TRANSPORT_PROPERTY} names, {@link Kind#AUTO} when unset: epoll where available, else
     * NIO. Auto does not pick io_uring: on the loopback benchmarks of this project it did not beat epoll (see the
     * performance documentation); ask for it by name.
     */
    public static NettyTransport auto() {
        String property = System.getProperty(TRANSPORT_PROPERTY);
        return property == null ? of(Kind.AUTO) : named(property);
    }

    public static NettyTransport nio() {
        return NIO;
    }

    /**
     * The transport called {@code name} ({@code auto}, {@code epoll}, {@code io_uring}, {@code nio}; case and
     * {@code -}/{@code _} do not matter).
     *
     * @throws IllegalArgumentException for another name, or a native transport that is not available here (why)
     */
    public static NettyTransport named(String name) {
        Kind kind;
        try {
            kind = Kind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown transport '" + name + "': use auto, epoll, io_uring or nio");
        }
        return of(kind);
    }

    /**
     * The transport of {@code kind}.
     *
     * @throws IllegalArgumentException if {@code kind} is a native transport that is not available here (why)
     */
    public static NettyTransport of(Kind kind) {
        return switch (kind) {
            case AUTO -> unavailability(Kind.EPOLL) == null ? EPOLL : NIO;
            case NIO -> NIO;
            case EPOLL, IO_URING -> {
                String why = unavailability(kind);
                if (why != null) {
                    throw new IllegalArgumentException("The " + name(kind) + " transport is not available here: "
                            + why);
                }
                yield kind == Kind.EPOLL ? EPOLL : IO_URING;
            }
        };
    }

    /** Why the native transport {@code kind} cannot be used here, or null when it can. */
    static @Nullable String unavailability(Kind kind) {
        String holder = kind == Kind.EPOLL ? "io.netty.channel.epoll.Epoll" : "io.netty.channel.uring.IoUring";
        try {
            Class.forName(holder, false, NettyTransport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "its Netty classes are not on the class path";
        }
        try {
            @Nullable Throwable cause = kind == Kind.EPOLL ? EpollHolder.UNAVAILABILITY : IoUringHolder.UNAVAILABILITY;
            return cause == null ? null : cause.toString();
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code nio}, {@code epoll} or {@code io_uring}. */
    public String name() {
        return name(kind);
    }

    public IoHandlerFactory ioHandlerFactory() {
        return switch (kind) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    /**
     * A new event loop group; with {@code daemon = false} its threads keep the JVM alive until the group is shut
     * down, as a server's threads should when nothing else does (a process running only gateway roles).
     */
    public EventLoopGroup newGroup(int threads, String threadName, boolean daemon) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, daemon), ioHandlerFactory());
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return switch (kind) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends Channel> socketChannelClass() {
        return switch (kind) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class EpollHolder {
        static final @Nullable Throwable UNAVAILABILITY = Epoll.unavailabilityCause();
    }

    private static final class IoUringHolder {
        static final @Nullable Throwable UNAVAILABILITY = IoUring.unavailabilityCause();
    }
}
