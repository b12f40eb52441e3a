package org.jgateway.worker;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings of a {@link BusinessWorker}. Immutable; build with {@link #builder()}. Names follow GatewayWorker's
 * {@code BusinessWorker} properties where they exist.
 */
public final class WorkerOptions {

    public static final String DEFAULT_NAME = "BusinessWorker";
    public static final List<String> DEFAULT_REGISTER_ADDRESSES = List.of("127.0.0.1:1236");
    /** Handler threads: enough that a few blocking handlers do not stall everybody on a small box. */
    public static final int DEFAULT_CONCURRENCY = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Events received but not yet handled above which the worker stops reading from gateways (TCP backpressure). */
    public static final int DEFAULT_MAX_PENDING_EVENTS = 10_000;
    /** GatewayWorker's query timeout. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** GatewayClient's connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /**
     * First retry of a lost gateway connection (GatewayWorker retries every second while the register lists the
     * gateway); later retries back off to five times this.
     */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** How long {@link BusinessWorker#close()} waits for events in flight before giving up on them (counted). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<String> registerAddresses;
    private final String secretKey;
    private final int concurrency;
    private final boolean virtualThreads;
    private final Executor executor;
    private final int maxPendingEvents;
    private final Duration queryTimeout;
    private final Duration connectTimeout;
    private final Duration reconnectDelay;
    private final Duration stopTimeout;
    private final boolean inJvmGateways;
    private final boolean runOnEventLoop;
    private final JsonMapper jsonMapper;
    private final SslContext gatewaySslContext;
    private final SslContext registerSslContext;

    private WorkerOptions(Builder b) {
        this.name = b.name;
        this.registerAddresses = List.copyOf(b.registerAddresses);
        this.secretKey = b.secretKey;
        this.concurrency = b.concurrency;
        this.virtualThreads = b.virtualThreads;
        this.executor = b.executor;
        this.maxPendingEvents = b.maxPendingEvents;
        this.queryTimeout = b.queryTimeout;
        this.connectTimeout = b.connectTimeout;
        this.reconnectDelay = b.reconnectDelay;
        this.stopTimeout = b.stopTimeout;
        this.inJvmGateways = b.inJvmGateways;
        this.runOnEventLoop = b.runOnEventLoop;
        this.jsonMapper = b.jsonMapper;
        this.gatewaySslContext = b.gatewaySslContext;
        this.registerSslContext = b.registerSslContext;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Worker name; with the process id it forms the {@code worker_key} gateways know this worker by. */
    public String name() {
        return name;
    }

    public List<String> registerAddresses() {
        return registerAddresses;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Handler threads (ignored with virtual threads or a custom executor). */
    public int concurrency() {
        return concurrency;
    }

    /** Run each client's events on virtual threads (Java 21+; falls back to platform threads with a warning). */
    public boolean virtualThreads() {
        return virtualThreads;
    }

    /** A custom executor for handlers (the caller owns and shuts it down), or null. */
    public Executor executor() {
        return executor;
    }

    /**
     * Run handlers on the Netty event loop that delivered the event instead of handing it to handler threads: no
     * thread hand-off per event, so the least CPU and latency per message, for handlers that never block (no JDBC,
     * no blocking HTTP, no {@code Thread.sleep}). Events of a client stay in order. A blocking Gateway API query
     * that would wait for a remote gateway fails with {@link IllegalStateException} there; queries answered by
     * gateways of the same JVM, sends and the {@code async()} API work.
     */
    public boolean runOnEventLoop() {
        return runOnEventLoop;
    }

    public int maxPendingEvents() {
        return maxPendingEvents;
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration reconnectDelay() {
        return reconnectDelay;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * Attach in memory to gateways running in the same JVM instead of connecting over loopback TCP (same
     * behaviour, far less CPU). On by default; turn off to test the TCP path.
     */
    public boolean inJvmGateways() {
        return inJvmGateways;
    }

    /** The mapper the worker's Gateway API writes non-string messages with (default {@link JsonMapper#shared()}). */
    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /**
     * Client TLS context (with the worker's certificate) for the connections to gateways' inner ports, events and
     * queries alike; null for plain TCP as in GatewayWorker. See {@link org.jgateway.transport.MutualTls}.
     */
    public SslContext gatewaySslContext() {
        return gatewaySslContext;
    }

    /** Client TLS context for the connections to the registers, or null for plain TCP. */
    public SslContext registerSslContext() {
        return registerSslContext;
    }

    /** Builder of {@link WorkerOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private String name = DEFAULT_NAME;
        private List<String> registerAddresses = DEFAULT_REGISTER_ADDRESSES;
        private String secretKey = "";
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean virtualThreads;
        private Executor executor;
        private int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private boolean inJvmGateways = true;
        private boolean runOnEventLoop;
        private JsonMapper jsonMapper = JsonMapper.shared();
        private SslContext gatewaySslContext;
        private SslContext registerSslContext;

        private Builder() {
        }

        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        public Builder inJvmGateways(boolean inJvmGateways) {
            this.inJvmGateways = inJvmGateways;
            return this;
        }

        public Builder name(String name) {
            if (name == null || name.isBlank() || name.contains(":")) {
                throw new IllegalArgumentException("worker name must be non-blank and contain no ':', got '" + name + "'");
            }
            this.name = name;
            return this;
        }

        public Builder registerAddresses(List<String> addresses) {
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a worker needs at least one register address");
            }
            this.registerAddresses = List.copyOf(addresses);
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey == null ? "" : secretKey;
            return this;
        }

        public Builder concurrency(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + threads);
            }
            this.concurrency = threads;
            return this;
        }

        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** See {@link WorkerOptions#runOnEventLoop()}; excludes a custom executor and virtual threads. */
        public Builder runOnEventLoop(boolean runOnEventLoop) {
            this.runOnEventLoop = runOnEventLoop;
            return this;
        }

        public Builder maxPendingEvents(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPendingEvents must be at least 1, got " + max);
            }
            this.maxPendingEvents = max;
            return this;
        }

        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = positive(timeout, "queryTimeout");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = positive(delay, "reconnectDelay");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "stopTimeout");
            return this;
        }

        /** Connect to gateways over mutual TLS with this client context; null (default) for plain TCP. */
        public Builder gatewaySslContext(SslContext context) {
            this.gatewaySslContext = requireClient(context, "gatewaySslContext");
            return this;
        }

        /** Connect to the registers over TLS with this client context; null (default) for plain TCP. */
        public Builder registerSslContext(SslContext context) {
            this.registerSslContext = requireClient(context, "registerSslContext");
            return this;
        }

        private static SslContext requireClient(SslContext context, String name) {
            if (context != null && !context.isClient()) {
                throw new IllegalArgumentException(name + " must be a client SslContext");
            }
            return context;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        public WorkerOptions build() {
            if (runOnEventLoop && (executor != null || virtualThreads)) {
                throw new IllegalArgumentException("runOnEventLoop excludes " + (executor != null ? "a custom executor"
                        : "virtual threads") + ": handlers run either on the event loop or on an executor");
            }
            return new WorkerOptions(this);
        }
    }
}
