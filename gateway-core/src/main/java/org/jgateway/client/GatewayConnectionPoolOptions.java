package org.jgateway.client;

import java.util.Objects;
import org.jgateway.register.ClusterConnectionOptions;

/**
 * Immutable options of a {@link GatewayConnectionPool}: how it reaches the gateways ({@link ClusterConnectionOptions}:
 * secret, gateway TLS, connect timeout) and its own limits. Build with {@link #builder()}.
 */
public final class GatewayConnectionPoolOptions {

    /** Largest query reply accepted (a {@code getAllClientSessions} of a big gateway can be large). */
    public static final int DEFAULT_MAX_REPLY_LENGTH = 64 * 1024 * 1024;
    /** Queries that may wait for their reply on one gateway's query connection at once. */
    public static final int DEFAULT_MAX_PENDING_QUERIES = 1024;
    /** Commands that may wait for one gateway's command connection to be (re)established. */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;

    private static final GatewayConnectionPoolOptions DEFAULTS = builder().build();

    private final ClusterConnectionOptions cluster;
    private final int maxReplyLength;
    private final int maxPendingQueries;
    private final int maxPendingCommands;

    private GatewayConnectionPoolOptions(Builder builder) {
        this.cluster = builder.cluster;
        this.maxReplyLength = builder.maxReplyLength;
        this.maxPendingQueries = builder.maxPendingQueries;
        this.maxPendingCommands = builder.maxPendingCommands;
    }

    /** Every option at its {@code DEFAULT_*} value. */
    public static GatewayConnectionPoolOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these options. */
    public Builder mutate() {
        return new Builder().cluster(cluster).maxReplyLength(maxReplyLength).maxPendingQueries(maxPendingQueries)
                .maxPendingCommands(maxPendingCommands);
    }

    /** The gateways' secret, the client TLS context towards them and the connect timeout. */
    public ClusterConnectionOptions cluster() {
        return cluster;
    }

    /** Largest query reply payload accepted; a longer one fails its query and resets the connection. */
    public int maxReplyLength() {
        return maxReplyLength;
    }

    /** Queries waiting for a reply per gateway before further ones fail at once. */
    public int maxPendingQueries() {
        return maxPendingQueries;
    }

    /** Commands waiting for a gateway's connection to open before further ones are dropped. */
    public int maxPendingCommands() {
        return maxPendingCommands;
    }

    @Override
    public String toString() {
        // The secret stays out of logs.
        return "GatewayConnectionPoolOptions{" + cluster + ", maxReplyLength=" + maxReplyLength
                + ", maxPendingQueries=" + maxPendingQueries + ", maxPendingCommands=" + maxPendingCommands + '}';
    }

    /** Builder of {@link GatewayConnectionPoolOptions}. */
    public static final class Builder {

        private ClusterConnectionOptions cluster = ClusterConnectionOptions.defaults();
        private int maxReplyLength = DEFAULT_MAX_REPLY_LENGTH;
        private int maxPendingQueries = DEFAULT_MAX_PENDING_QUERIES;
        private int maxPendingCommands = DEFAULT_MAX_PENDING_COMMANDS;

        private Builder() {
        }

        /**
         * The secret, gateway TLS context and connect timeout (default {@link ClusterConnectionOptions#defaults()});
         * the registers in it are not used here: the pool is given its gateways.
         */
        public Builder cluster(ClusterConnectionOptions cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        /** Default {@link #DEFAULT_MAX_REPLY_LENGTH}. */
        public Builder maxReplyLength(int maxReplyLength) {
            this.maxReplyLength = positive("maxReplyLength", maxReplyLength);
            return this;
        }

        /** Default {@link #DEFAULT_MAX_PENDING_QUERIES}. */
        public Builder maxPendingQueries(int maxPendingQueries) {
            this.maxPendingQueries = positive("maxPendingQueries", maxPendingQueries);
            return this;
        }

        /** Default {@link #DEFAULT_MAX_PENDING_COMMANDS}. */
        public Builder maxPendingCommands(int maxPendingCommands) {
            this.maxPendingCommands = positive("maxPendingCommands", maxPendingCommands);
            return this;
        }

        /** The immutable options. */
        public GatewayConnectionPoolOptions build() {
            return new GatewayConnectionPoolOptions(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
