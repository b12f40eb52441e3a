package org.jgateway.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link BusinessWorker}: how it reaches the cluster ({@link ClusterConnectionOptions}), its Gateway API
 * ({@link GatewayApiOptions}) and how it runs handlers. Immutable; build with {@link #builder()}. Names follow
 * GatewayWorker's {@code BusinessWorker} properties where they exist.
 */
public final class WorkerOptions {

    public static final String DEFAULT_NAME = "BusinessWorker";
    /** Handler threads: enough that a few blocking handlers do not stall everybody on a small box. */
    public static final int DEFAULT_CONCURRENCY = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Events received but not yet handled above which the worker stops reading from gateways (TCP backpressure). */
    public static final int DEFAULT_MAX_PENDING_EVENTS = 10_000;
    /** Gateways of the same JVM are attached in memory (see {@link #inJvmGateways()}). */
    public static final boolean DEFAULT_IN_JVM_GATEWAYS = true;
    /** How long {@link BusinessWorker#close()} waits for events in flight before giving up on them (counted). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** What the worker asks of gateways that can confirm delivery (ours). */
    public static final DeliveryGuarantee DEFAULT_DELIVERY = DeliveryGuarantee.AT_LEAST_ONCE;

    private final String name;
    private final ClusterConnectionOptions cluster;
    private final GatewayApiOptions api;
    private final int concurrency;
    private final boolean virtualThreads;
    private final @Nullable Executor executor;
    private final int maxPendingEvents;
    private final Duration stopTimeout;
    private final DeliveryGuarantee delivery;
    private final boolean inJvmGateways;
    private final boolean runOnEventLoop;

    private WorkerOptions(Builder b) {
        this.name = b.name;
        this.cluster = b.cluster;
        this.api = b.api;
        this.concurrency = b.concurrency;
        this.virtualThreads = b.virtualThreads;
        this.executor = b.executor;
        this.maxPendingEvents = b.maxPendingEvents;
        this.stopTimeout = b.stopTimeout;
        this.delivery = b.delivery;
        this.inJvmGateways = b.inJvmGateways;
        this.runOnEventLoop = b.runOnEventLoop;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Worker name; with the process id it forms the {@code worker_key} gateways know this worker by. */
    public String name() {
        return name;
    }

    /** The registers to discover gateways from, the secret, TLS towards registers and gateways, and timing. */
    public ClusterConnectionOptions cluster() {
        return cluster;
    }

    /** Query timeout and JSON mapper of the worker's Gateway API. */
    public GatewayApiOptions api() {
        return api;
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
    public @Nullable Executor executor() {
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


    /** At-least-once (our gateways redeliver what a dead worker never confirmed) or at-most-once. */
    public DeliveryGuarantee delivery() {
        return delivery;
    }

    /** Builder of {@link WorkerOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private String name = DEFAULT_NAME;
        private ClusterConnectionOptions cluster = ClusterConnectionOptions.defaults();
        private GatewayApiOptions api = GatewayApiOptions.defaults();
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean virtualThreads;
        private @Nullable Executor executor;
        private int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private DeliveryGuarantee delivery = DEFAULT_DELIVERY;
        private boolean inJvmGateways = DEFAULT_IN_JVM_GATEWAYS;
        private boolean runOnEventLoop;

        private Builder() {
        }

        /** Registers, secret, TLS and timing (default {@link ClusterConnectionOptions#defaults()}). */
        public Builder cluster(ClusterConnectionOptions cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        /** Delivery asked of our gateways (default {@link #DEFAULT_DELIVERY}). */
        public Builder delivery(DeliveryGuarantee delivery) {
            this.delivery = Objects.requireNonNull(delivery, "delivery");
            return this;
        }

        /** The worker's Gateway API (default {@link GatewayApiOptions#defaults()}). */
        public Builder api(GatewayApiOptions api) {
            this.api = Objects.requireNonNull(api, "api");
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

        public Builder executor(@Nullable Executor executor) {
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

        public Builder stopTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "stopTimeout").isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative, got " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
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
