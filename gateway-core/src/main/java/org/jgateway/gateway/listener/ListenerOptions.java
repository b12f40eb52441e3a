package org.jgateway.gateway.listener;

import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How one client-facing listener of a gateway accepts and frames client connections. Immutable; made with
 * {@link #builder(ClientProtocol)}.
 * <p>
 * Defaults are chosen to be safe rather than PHP-identical: the listener binds to loopback only
 * ({@value #DEFAULT_HOST}; set {@code 0.0.0.0} or {@code ::} to accept remote clients) and messages are limited to
 * {@value #DEFAULT_MAX_MESSAGE_SIZE} bytes instead of workerman's 10 MiB, because the limit is memory a single client
 * can make the gateway hold.
 */
public final class ListenerOptions {

    /** Listener name used in logs and handed to the gateway's connections. */
    public static final String DEFAULT_NAME = "gateway";
    /** Loopback: a gateway is reachable from other hosts only when asked to be. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Port 0: the operating system picks a free port (handy in tests; production listeners set one). */
    public static final int DEFAULT_PORT = 0;
    /**
     * 1 MiB: the largest WebSocket message (after reassembling fragments), text line (without its line ending) or
     * frame payload (without the 4-byte header). Not applied to TCP, whose messages are single socket reads.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    /** The largest {@link Builder#maxMessageSize(int) maxMessageSize} accepted: what a 4-byte frame header can carry. */
    public static final int MAX_MESSAGE_SIZE_LIMIT = Integer.MAX_VALUE - 4;
    /** Text frames, like workerman's default {@code websocketType = "\x81"}. */
    public static final WebSocketFrameType DEFAULT_WEBSOCKET_FRAME_TYPE = WebSocketFrameType.TEXT;
    /** How long a client may take from connecting to completing the TLS and WebSocket handshakes. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** 0: no limit on the connections of one remote IP address, as in GatewayWorker. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 0;
    /** 0: no limit on the open connections of the listener, as in GatewayWorker (the OS's file limit remains). */
    public static final int DEFAULT_MAX_CONNECTIONS = 0;
    /** 0: no limit on how fast one remote IP address may open connections. */
    public static final int DEFAULT_MAX_CONNECTION_RATE_PER_IP = 0;
    /** 0: no limit on the messages one client may send per second, as in GatewayWorker. */
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 0;
    /** Messages over the rate limit are dropped (and counted); the client stays. */
    public static final MessageRatePolicy DEFAULT_MESSAGE_RATE_POLICY = MessageRatePolicy.DROP;

    private final String name;
    private final ClientProtocol protocol;
    private final String host;
    private final int port;
    private final @Nullable String webSocketPath;
    private final int maxMessageSize;
    private final WebSocketFrameType webSocketFrameType;
    private final @Nullable Supplier<SslContext> sslContext;
    private final @Nullable Predicate<WebSocketRequest> handshakeFilter;
    private final Duration handshakeTimeout;
    private final int maxConnectionsPerIp;
    private final int maxConnections;
    private final int maxConnectionRatePerIp;
    private final int maxMessagesPerSecond;
    private final MessageRatePolicy messageRatePolicy;
    private final @Nullable Duration pingInterval;
    private final @Nullable Integer pingNotResponseLimit;
    private final byte @Nullable [] pingData;

    private ListenerOptions(Builder b) {
        this.name = b.name;
        this.protocol = b.protocol;
        this.host = b.host;
        this.port = b.port;
        this.webSocketPath = b.webSocketPath;
        this.maxMessageSize = b.maxMessageSize;
        this.webSocketFrameType = b.webSocketFrameType;
        this.sslContext = b.sslContext;
        this.handshakeFilter = b.handshakeFilter;
        this.handshakeTimeout = b.handshakeTimeout;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.maxConnections = b.maxConnections;
        this.maxConnectionRatePerIp = b.maxConnectionRatePerIp;
        this.maxMessagesPerSecond = b.maxMessagesPerSecond;
        this.messageRatePolicy = b.messageRatePolicy;
        this.pingInterval = b.pingInterval;
        this.pingNotResponseLimit = b.pingNotResponseLimit;
        this.pingData = b.pingData;
    }

    /** This listener's heartbeat interval, or null for the gateway's {@code pingInterval}. */
    public @Nullable Duration pingInterval() {
        return pingInterval;
    }

    /** This listener's {@code pingNotResponseLimit}, or null for the gateway's. */
    public @Nullable Integer pingNotResponseLimit() {
        return pingNotResponseLimit;
    }

    /** This listener's {@code pingData}, or null for the gateway's (e.g. JSON for browsers, a bare line for telnet). */
    public byte @Nullable [] pingData() {
        return pingData == null ? null : pingData.clone();
    }

    /** A builder for a listener of {@code protocol} with every other option at its default. */
    public static Builder builder(ClientProtocol protocol) {
        return new Builder(protocol);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The listener's name, for logs and the gateway's bookkeeping. */
    public String name() {
        return name;
    }

    /** The framing spoken with clients. */
    public ClientProtocol protocol() {
        return protocol;
    }

    /** The address to bind: an IP literal or host name; {@code 0.0.0.0} or {@code ::} for all interfaces. */
    public String host() {
        return host;
    }

    /** The port to bind; 0 for an ephemeral port. */
    public int port() {
        return port;
    }

    /** The only path (without query) a WebSocket handshake may ask for, or null to accept every path. */
    public @Nullable String webSocketPath() {
        return webSocketPath;
    }

    /** The largest inbound message in bytes; see {@link #DEFAULT_MAX_MESSAGE_SIZE} for what it counts. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The frame type of outbound WebSocket messages. */
    public WebSocketFrameType webSocketFrameType() {
        return webSocketFrameType;
    }

    /**
     * The source of the TLS context, asked once per accepted connection so that a reloaded certificate applies to new
     * connections; null for plain TCP.
     */
    public @Nullable Supplier<SslContext> sslContext() {
        return sslContext;
    }

    /** True when connections are wrapped in TLS. */
    public boolean isTls() {
        return sslContext != null;
    }

    /**
     * Decides whether a WebSocket handshake is accepted (by origin, path, token...); a refused client gets
     * {@code 403 Forbidden} and is closed before the gateway hears of its handshake. Null accepts all. Runs on the
     * connection's event loop, so it must not block; if it throws, the connection is closed and the exception reaches
     * the gateway's handler as {@code exceptionCaught}.
     */
    public @Nullable Predicate<WebSocketRequest> handshakeFilter() {
        return handshakeFilter;
    }

    /** How long a client may take to complete the TLS and WebSocket handshakes before it is closed. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * The most connections one remote IP address may have open on this listener; a connection beyond it is closed as
     * soon as it is accepted (counted in {@code GatewayStats.connectionsRejectedPerIpLimit}). 0 for no limit.
     */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /**
     * The most client connections open on this listener; a connection beyond it is refused as soon as it is accepted
     * (counted in {@code GatewayStats.connectionsRejectedMaxConnections}). 0 for no limit.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most connections one remote IP address may open per second on this listener (a token bucket holding one
     * second's worth); a connection beyond it is refused as soon as it is accepted (counted in
     * {@code GatewayStats.connectionsRejectedPerIpRate}). 0 for no limit.
     */
    public int maxConnectionRatePerIp() {
        return maxConnectionRatePerIp;
    }

    /**
     * The most messages one client may send per second (a token bucket holding one second's worth); what is over it
     * is handled by {@link #messageRatePolicy()}. 0 for no limit.
     */
    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    /** What happens to a client over {@link #maxMessagesPerSecond()}. */
    public MessageRatePolicy messageRatePolicy() {
        return messageRatePolicy;
    }

    @Override
    public String toString() {
        return "ListenerOptions[" + name + " " + protocol.name().toLowerCase(Locale.ROOT)
                + (isTls() ? "+tls" : "") + "://" + host + ":" + port
                + (webSocketPath != null ? webSocketPath : "") + ", maxMessageSize=" + maxMessageSize + "]";
    }

    /** Builds {@link ListenerOptions}; every setter validates its argument at once. */
    public static final class Builder {

        private String name = DEFAULT_NAME;
        private ClientProtocol protocol;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private @Nullable String webSocketPath;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private WebSocketFrameType webSocketFrameType = DEFAULT_WEBSOCKET_FRAME_TYPE;
        private @Nullable Supplier<SslContext> sslContext;
        private @Nullable Predicate<WebSocketRequest> handshakeFilter;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionRatePerIp = DEFAULT_MAX_CONNECTION_RATE_PER_IP;
        private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
        private MessageRatePolicy messageRatePolicy = DEFAULT_MESSAGE_RATE_POLICY;
        private @Nullable Duration pingInterval;
        private @Nullable Integer pingNotResponseLimit;
        private byte @Nullable [] pingData;

        private Builder(ClientProtocol protocol) {
            protocol(protocol);
        }

        private Builder(ListenerOptions o) {
            this.name = o.name;
            this.protocol = o.protocol;
            this.host = o.host;
            this.port = o.port;
            this.webSocketPath = o.webSocketPath;
            this.maxMessageSize = o.maxMessageSize;
            this.webSocketFrameType = o.webSocketFrameType;
            this.sslContext = o.sslContext;
            this.handshakeFilter = o.handshakeFilter;
            this.handshakeTimeout = o.handshakeTimeout;
            this.maxConnectionsPerIp = o.maxConnectionsPerIp;
            this.maxConnections = o.maxConnections;
            this.maxConnectionRatePerIp = o.maxConnectionRatePerIp;
            this.maxMessagesPerSecond = o.maxMessagesPerSecond;
            this.messageRatePolicy = o.messageRatePolicy;
            this.pingInterval = o.pingInterval;
            this.pingNotResponseLimit = o.pingNotResponseLimit;
            this.pingData = o.pingData;
        }

        /**
         * Overrides the gateway's heartbeat period for this listener (each listener runs its own heartbeat); null
         * (default) keeps the gateway-wide value, zero turns this listener's heartbeat off.
         */
        public Builder pingInterval(@Nullable Duration pingInterval) {
            if (pingInterval != null && pingInterval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative: " + pingInterval);
            }
            this.pingInterval = pingInterval;
            return this;
        }

        /** Overrides the gateway's {@code pingNotResponseLimit} for this listener; null (default) keeps it. */
        public Builder pingNotResponseLimit(@Nullable Integer pingNotResponseLimit) {
            if (pingNotResponseLimit != null && pingNotResponseLimit < 0) {
                throw new IllegalArgumentException("pingNotResponseLimit must not be negative: " + pingNotResponseLimit);
            }
            this.pingNotResponseLimit = pingNotResponseLimit;
            return this;
        }

        /** Overrides the gateway's {@code pingData} for this listener; null (default) keeps it, empty sends nothing. */
        public Builder pingData(@Nullable String pingData) {
            this.pingData = pingData == null ? null : pingData.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Names the listener (default {@value ListenerOptions#DEFAULT_NAME}). */
        public Builder name(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Sets the framing spoken with clients. */
        public Builder protocol(ClientProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Sets the address to bind (default {@value ListenerOptions#DEFAULT_HOST}, loopback only). */
        public Builder host(String host) {
            if (Objects.requireNonNull(host, "host").isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** Sets the port to bind, 0 for an ephemeral one (default). */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0..65535 (0 for an ephemeral port), not a port number: "
                        + port);
            }
            this.port = port;
            return this;
        }

        /** Accept WebSocket handshakes only for exactly this path (e.g. {@code /chat}); null accepts any path. */
        public Builder webSocketPath(@Nullable String path) {
            if (path != null && (!path.startsWith("/") || path.indexOf('?') >= 0)) {
                throw new IllegalArgumentException("webSocketPath must start with '/' and have no query: " + path);
            }
            this.webSocketPath = path;
            return this;
        }

        /**
         * Sets the largest inbound message (default {@value ListenerOptions#DEFAULT_MAX_MESSAGE_SIZE}): WebSocket
         * message after reassembly (and any single frame), text line without its ending, frame payload without its
         * header. Larger input is a framing error.
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1 || bytes > MAX_MESSAGE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxMessageSize must be 1.." + MAX_MESSAGE_SIZE_LIMIT + ": " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Sets the frame type of outbound WebSocket messages (default text). */
        public Builder webSocketFrameType(WebSocketFrameType type) {
            this.webSocketFrameType = Objects.requireNonNull(type, "webSocketFrameType");
            return this;
        }

        /** Serve TLS with one fixed context; null for plain TCP. */
        public Builder sslContext(@Nullable SslContext context) {
            if (context != null && context.isClient()) {
                throw new IllegalArgumentException("a listener needs a server SslContext");
            }
            this.sslContext = context == null ? null : () -> context;
            return this;
        }

        /**
         * Serve TLS with the context the supplier returns for each new connection (so a reloaded certificate applies
         * to new connections); null for plain TCP.
         */
        public Builder sslContextSupplier(@Nullable Supplier<SslContext> context) {
            this.sslContext = context;
            return this;
        }

        /** Sets the hook that may refuse a WebSocket handshake with 403; null (default) accepts all. */
        public Builder handshakeFilter(@Nullable Predicate<WebSocketRequest> filter) {
            this.handshakeFilter = filter;
            return this;
        }

        /** Sets how long the TLS and WebSocket handshakes may take (default 10 s). */
        public Builder handshakeTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "handshakeTimeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Sets the most connections one remote IP address may have open (default
         * {@value ListenerOptions#DEFAULT_MAX_CONNECTIONS_PER_IP}, no limit). Clients behind one NAT or proxy share an
         * address, so size it for the largest such group.
         */
        public Builder maxConnectionsPerIp(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnectionsPerIp must not be negative: " + max);
            }
            this.maxConnectionsPerIp = max;
            return this;
        }

        /**
         * Sets the most client connections open on this listener (default
         * {@value ListenerOptions#DEFAULT_MAX_CONNECTIONS}, no limit): beyond it new connections are refused at once,
         * so the process keeps memory and file descriptors for those it serves.
         */
        public Builder maxConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnections must not be negative: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Sets the most connections one remote IP address may open per second (default
         * {@value ListenerOptions#DEFAULT_MAX_CONNECTION_RATE_PER_IP}, no limit), beside the count limit of
         * {@link #maxConnectionsPerIp}: a reconnect storm or a flood from one address is refused on accept.
         */
        public Builder maxConnectionRatePerIp(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("maxConnectionRatePerIp must not be negative: " + perSecond);
            }
            this.maxConnectionRatePerIp = perSecond;
            return this;
        }

        /**
         * Sets the most messages one client may send per second (default
         * {@value ListenerOptions#DEFAULT_MAX_MESSAGES_PER_SECOND}, no limit); bursts up to one second's worth pass.
         */
        public Builder maxMessagesPerSecond(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("maxMessagesPerSecond must not be negative: " + perSecond);
            }
            this.maxMessagesPerSecond = perSecond;
            return this;
        }

        /** Sets what happens to a client over {@link #maxMessagesPerSecond} (default drop). */
        public Builder messageRatePolicy(MessageRatePolicy policy) {
            this.messageRatePolicy = Objects.requireNonNull(policy, "messageRatePolicy");
            return this;
        }

        /** The options as set so far. */
        public ListenerOptions build() {
            if (webSocketPath != null && protocol != ClientProtocol.WEBSOCKET) {
                throw new IllegalArgumentException("webSocketPath: only a websocket listener has a path, this one speaks "
                        + protocol.name().toLowerCase(Locale.ROOT));
            }
            return new ListenerOptions(this);
        }
    }
}
