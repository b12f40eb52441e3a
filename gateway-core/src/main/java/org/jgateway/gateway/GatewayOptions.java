package org.jgateway.gateway;

import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.history.HistoryStore;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.protocol.Ipv4;
import org.jgateway.register.ClusterConnectionOptions;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link GatewayServer}: its client listeners, the inner side workers connect to, heartbeat, buffers
 * and routing. Immutable; build with {@link #builder()}. Names follow GatewayWorker's {@code Gateway} properties.
 */
public final class GatewayOptions {

    /** GatewayWorker's default {@code lanIp}. */
    public static final String DEFAULT_LAN_IP = "127.0.0.1";
    /** GatewayWorker's default {@code startPort}: listener i gets inner port {@code startPort + i}. */
    public static final int DEFAULT_START_PORT = 2000;
    /** Heartbeat off, as in GatewayWorker. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ZERO;
    public static final int DEFAULT_PING_NOT_RESPONSE_LIMIT = 0;
    /** Nothing sent at a heartbeat: clients ping (client-driven heartbeat). */
    public static final String DEFAULT_PING_DATA = "";
    /** workerman's default per-connection send buffer, 1 MiB. */
    public static final int DEFAULT_SEND_TO_CLIENT_BUFFER_SIZE = 1024 * 1024;
    /** GatewayWorker's {@code sendToWorkerBufferSize}, ~10 MB: above it client reads pause (backpressure). */
    public static final int DEFAULT_SEND_TO_WORKER_BUFFER_SIZE = 10_240_000;
    public static final SlowConsumerPolicy DEFAULT_SLOW_CONSUMER_POLICY = SlowConsumerPolicy.DROP;
    /** TLS inner ports require client certificates (mutual TLS). */
    public static final boolean DEFAULT_INNER_REQUIRE_CLIENT_CERTIFICATE = true;
    /** How long a client's events wait for a worker before the client is closed. */
    public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long at most a client that half-closed its connection (sent FIN after its request) keeps receiving, so that
     * the replies in flight reach it: it is closed as soon as its worker has handled what it sent, when the worker says
     * so (ours do, PHP workers do not); 0 closes at once as GatewayWorker does.
     */
    public static final Duration DEFAULT_HALF_CLOSE_LINGER = Duration.ofMillis(500);
    /** How many events of one client may wait for a worker. */
    public static final int DEFAULT_MAX_HELD_EVENTS_PER_CLIENT = 256;
    /**
     * Bytes of events sent to at-least-once workers and not yet confirmed that the gateway keeps for redelivery (all
     * listeners together); beyond it events are sent at most once, and counted.
     */
    public static final long DEFAULT_UNCONFIRMED_EVENTS_BUFFER_SIZE = 64L * 1024 * 1024;

    private final String name;
    private final List<ListenerOptions> listeners;
    private final List<Integer> innerPorts;
    private final String lanIp;
    private final String innerBindHost;
    private final int startPort;
    private final ClusterConnectionOptions cluster;
    private final Duration pingInterval;
    private final int pingNotResponseLimit;
    private final byte[] pingData;
    private final int sendToClientBufferSize;
    private final int sendToWorkerBufferSize;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final WorkerRouter router;
    private final HistoryStore history;
    private final LocalIndexSync indexSync;
    private final Duration holdTimeout;
    private final int maxHeldEventsPerClient;
    private final long unconfirmedEventsBufferSize;
    private final int maxInnerFrameLength;
    private final Duration halfCloseLinger;
    private final @Nullable Supplier<SslContext> innerSslContext;
    private final boolean innerRequireClientCertificate;

    private GatewayOptions(Builder b) {
        this.name = b.name;
        this.listeners = List.copyOf(b.listeners);
        this.innerPorts = List.copyOf(b.innerPorts);
        this.lanIp = b.lanIp;
        this.innerBindHost = b.innerBindHost != null ? b.innerBindHost : b.lanIp;
        this.startPort = b.startPort;
        this.cluster = b.cluster;
        this.pingInterval = b.pingInterval;
        this.pingNotResponseLimit = b.pingNotResponseLimit;
        this.pingData = b.pingData.clone();
        this.sendToClientBufferSize = b.sendToClientBufferSize;
        this.sendToWorkerBufferSize = b.sendToWorkerBufferSize;
        this.slowConsumerPolicy = b.slowConsumerPolicy;
        this.router = b.router;
        this.history = b.history;
        this.indexSync = b.indexSync;
        this.holdTimeout = b.holdTimeout;
        this.maxHeldEventsPerClient = b.maxHeldEventsPerClient;
        this.unconfirmedEventsBufferSize = b.unconfirmedEventsBufferSize;
        this.maxInnerFrameLength = b.maxInnerFrameLength;
        this.halfCloseLinger = b.halfCloseLinger;
        this.innerSslContext = b.innerSslContext;
        this.innerRequireClientCertificate = b.innerRequireClientCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Name shown in status and logs. */
    public String name() {
        return name;
    }

    /** The client listeners; listener i has inner port {@link #innerPort(int)}. */
    public List<ListenerOptions> listeners() {
        return listeners;
    }

    /** Inner port of listener {@code index}: its explicit inner port, else {@code startPort + index}; 0 = ephemeral. */
    public int innerPort(int index) {
        Integer explicit = index < innerPorts.size() ? innerPorts.get(index) : null;
        return explicit != null && explicit >= 0 ? explicit : startPort == 0 ? 0 : startPort + index;
    }

    /** The IPv4 address workers and clients use to reach this gateway; packed into every client_id. */
    public String lanIp() {
        return lanIp;
    }

    /** The address the inner listeners bind to (GatewayWorker's {@code innerTcpWorkerListen}); lanIp by default. */
    public String innerBindHost() {
        return innerBindHost;
    }

    public int startPort() {
        return startPort;
    }

    /**
     * The registers to announce the inner addresses to (all of them), the secret required from workers and API
     * clients and sent to the registers, and the TLS and timing of the register connections.
     */
    public ClusterConnectionOptions cluster() {
        return cluster;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public int pingNotResponseLimit() {
        return pingNotResponseLimit;
    }

    public byte[] pingData() {
        return pingData.clone();
    }

    public int sendToClientBufferSize() {
        return sendToClientBufferSize;
    }

    public int sendToWorkerBufferSize() {
        return sendToWorkerBufferSize;
    }

    public SlowConsumerPolicy slowConsumerPolicy() {
        return slowConsumerPolicy;
    }

    public WorkerRouter router() {
        return router;
    }

    /** Where the listeners read history to recover clients; {@link HistoryStore#none()} by default. */
    public HistoryStore history() {
        return history;
    }

    /** The cluster engine's gateway side, which each listener reports its clients, uids and groups to. */
    public LocalIndexSync indexSync() {
        return indexSync;
    }

    public Duration holdTimeout() {
        return holdTimeout;
    }

    public int maxHeldEventsPerClient() {
        return maxHeldEventsPerClient;
    }

    public long unconfirmedEventsBufferSize() {
        return unconfirmedEventsBufferSize;
    }

    public int maxInnerFrameLength() {
        return maxInnerFrameLength;
    }

    public Duration halfCloseLinger() {
        return halfCloseLinger;
    }

    /**
     * Server TLS context of the inner ports (mutual TLS with workers and API clients, which then need a client
     * certificate), or null for plain TCP as in GatewayWorker. See {@link org.jgateway.transport.MutualTls}.
     */
    public @Nullable SslContext innerSslContext() {
        return innerSslContext == null ? null : innerSslContext.get();
    }

    /** Whether TLS inner ports require a certificate from every worker and API client (mutual TLS). */
    public boolean innerRequireClientCertificate() {
        return innerRequireClientCertificate;
    }

    /** Builder of {@link GatewayOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private String name = "Gateway";
        private final List<ListenerOptions> listeners = new ArrayList<>();
        private final List<Integer> innerPorts = new ArrayList<>();
        private String lanIp = DEFAULT_LAN_IP;
        private @Nullable String innerBindHost;
        private int startPort = DEFAULT_START_PORT;
        private ClusterConnectionOptions cluster = ClusterConnectionOptions.defaults();
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int pingNotResponseLimit = DEFAULT_PING_NOT_RESPONSE_LIMIT;
        private byte[] pingData = DEFAULT_PING_DATA.getBytes(StandardCharsets.UTF_8);
        private int sendToClientBufferSize = DEFAULT_SEND_TO_CLIENT_BUFFER_SIZE;
        private int sendToWorkerBufferSize = DEFAULT_SEND_TO_WORKER_BUFFER_SIZE;
        private SlowConsumerPolicy slowConsumerPolicy = DEFAULT_SLOW_CONSUMER_POLICY;
        private WorkerRouter router = WorkerRouter.leastConnections();
        private HistoryStore history = HistoryStore.none();
        private LocalIndexSync indexSync = LocalIndexSync.NONE;
        private Duration holdTimeout = DEFAULT_HOLD_TIMEOUT;
        private int maxHeldEventsPerClient = DEFAULT_MAX_HELD_EVENTS_PER_CLIENT;
        private long unconfirmedEventsBufferSize = DEFAULT_UNCONFIRMED_EVENTS_BUFFER_SIZE;
        private int maxInnerFrameLength = GatewayFrameCodec.DEFAULT_MAX_FRAME_LENGTH;
        private Duration halfCloseLinger = DEFAULT_HALF_CLOSE_LINGER;
        private @Nullable Supplier<SslContext> innerSslContext;
        private boolean innerRequireClientCertificate = DEFAULT_INNER_REQUIRE_CLIENT_CERTIFICATE;

        private Builder() {
        }

        public Builder halfCloseLinger(Duration linger) {
            if (linger.isNegative()) {
                throw new IllegalArgumentException("halfCloseLinger must not be negative");
            }
            this.halfCloseLinger = linger;
            return this;
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Adds a client listener whose inner port is {@code startPort + index}. */
        public Builder listener(ListenerOptions listener) {
            return listener(listener, -1);
        }

        /** Adds a client listener with an explicit inner port (0 = ephemeral, -1 = {@code startPort + index}). */
        public Builder listener(ListenerOptions listener, int innerPort) {
            if (innerPort < -1 || innerPort > 65535) {
                throw new IllegalArgumentException("innerPort must be 0..65535 (0 for an ephemeral port), not a port "
                        + "number: " + innerPort);
            }
            listeners.add(Objects.requireNonNull(listener, "listener"));
            innerPorts.add(innerPort);
            return this;
        }

        public Builder lanIp(String lanIp) {
            if (!Ipv4.isValid(lanIp)) {
                throw new IllegalArgumentException("lanIp must be an IPv4 address (it is packed into every client_id), got '"
                        + lanIp + "'");
            }
            this.lanIp = lanIp;
            return this;
        }

        /** The address the inner listeners bind to; null (default) for {@code lanIp}. */
        public Builder innerBindHost(@Nullable String host) {
            if (host != null && host.isBlank()) {
                throw new IllegalArgumentException("innerBindHost must not be blank (null binds lanIp)");
            }
            this.innerBindHost = host;
            return this;
        }

        public Builder startPort(int startPort) {
            if (startPort < 0 || startPort > 65535) {
                throw new IllegalArgumentException("startPort must be 0..65535, got " + startPort);
            }
            this.startPort = startPort;
            return this;
        }

        /** Registers, secret, register TLS and timing (default {@link ClusterConnectionOptions#defaults()}). */
        public Builder cluster(ClusterConnectionOptions cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            if (pingInterval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative");
            }
            this.pingInterval = pingInterval;
            return this;
        }

        public Builder pingNotResponseLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("pingNotResponseLimit must not be negative");
            }
            this.pingNotResponseLimit = limit;
            return this;
        }

        public Builder pingData(String pingData) {
            this.pingData = pingData == null ? new byte[0] : pingData.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder sendToClientBufferSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("sendToClientBufferSize must be at least 1024 bytes, got " + bytes);
            }
            this.sendToClientBufferSize = bytes;
            return this;
        }

        public Builder sendToWorkerBufferSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("sendToWorkerBufferSize must be at least 1024 bytes, got " + bytes);
            }
            this.sendToWorkerBufferSize = bytes;
            return this;
        }

        public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
            this.slowConsumerPolicy = Objects.requireNonNull(policy, "slowConsumerPolicy");
            return this;
        }

        public Builder router(WorkerRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * The history the listeners recover clients from (default {@link HistoryStore#none()}: recovery is refused).
         * The senders must append to the same history: for a {@link org.jgateway.history.MemoryHistoryStore}, the
         * same object in the same JVM.
         */
        public Builder history(HistoryStore history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * The cluster engine's gateway side; default {@link LocalIndexSync#NONE}, the register engine's (the gateway
         * keeps its tables to itself, as GatewayWorker's does).
         */
        public Builder indexSync(LocalIndexSync indexSync) {
            this.indexSync = Objects.requireNonNull(indexSync, "indexSync");
            return this;
        }

        public Builder holdTimeout(Duration holdTimeout) {
            if (holdTimeout.isNegative()) {
                throw new IllegalArgumentException("holdTimeout must not be negative");
            }
            this.holdTimeout = holdTimeout;
            return this;
        }

        public Builder maxHeldEventsPerClient(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxHeldEventsPerClient must be at least 1");
            }
            this.maxHeldEventsPerClient = max;
            return this;
        }

        /** Bytes kept for redelivery to at-least-once workers (0 keeps nothing: every event at most once). */
        public Builder unconfirmedEventsBufferSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("unconfirmedEventsBufferSize must not be negative");
            }
            this.unconfirmedEventsBufferSize = bytes;
            return this;
        }

        public Builder maxInnerFrameLength(int max) {
            if (max < 1024) {
                throw new IllegalArgumentException("maxInnerFrameLength must be at least 1024");
            }
            this.maxInnerFrameLength = max;
            return this;
        }

        /** Serve the inner ports over mutual TLS with this server context; null (default) for plain TCP. */
        public Builder innerSslContext(@Nullable SslContext context) {
            return innerSslContextSupplier(context == null ? null : () -> context);
        }

        /**
         * Like {@link #innerSslContext(SslContext)} with a context that may change (a reloaded certificate): each new
         * connection takes the supplier's current one; null for plain TCP.
         */
        public Builder innerSslContextSupplier(@Nullable Supplier<SslContext> context) {
            if (context != null && context.get().isClient()) {
                throw new IllegalArgumentException("innerSslContext must be a server SslContext");
            }
            this.innerSslContext = context;
            return this;
        }

        /**
         * Whether TLS inner ports require a certificate from every worker and API client (mutual TLS, default
         * {@value GatewayOptions#DEFAULT_INNER_REQUIRE_CLIENT_CERTIFICATE}); false leaves authentication to the secret.
         */
        public Builder innerRequireClientCertificate(boolean require) {
            this.innerRequireClientCertificate = require;
            return this;
        }

        public GatewayOptions build() {
            if (listeners.isEmpty()) {
                throw new IllegalArgumentException("A gateway needs at least one listener");
            }
            if (startPort > 0 && startPort + listeners.size() - 1 > 65535) {
                throw new IllegalArgumentException("startPort " + startPort + ": the last of the " + listeners.size()
                        + " listeners would get an inner port above 65535");
            }
            return new GatewayOptions(this);
        }
    }
}
