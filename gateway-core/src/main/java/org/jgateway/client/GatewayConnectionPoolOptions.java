package org.jgateway.client;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;

/** Immutable options of a {@link GatewayConnectionPool}. Build with {@link #builder()}. */
public final class GatewayConnectionPoolOptions {

    /** GatewayWorker's {@code Gateway::$connectTimeout}, 3 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** No secret: no authentication frame is sent, as in GatewayWorker. */
    public static final String DEFAULT_SECRET_KEY = "";
    /** Largest query reply accepted (a {@code getAllClientSessions} of a big gateway can be large). */
    public static final int DEFAULT_MAX_REPLY_LENGTH = 64 * 1024 * 1024;
    /** Queries that may wait for their reply on one gateway's query connection at once. */
    public static final int DEFAULT_MAX_PENDING_QUERIES = 1024;
    /** Commands that may wait for one gateway's command connection to be (re)established. */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;

    private static final GatewayConnectionPoolOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final String secretKey;
    private final int maxReplyLength;
    private final int maxPendingQueries;
    private final int maxPendingCommands;
    private final SslContext sslContext;

    private GatewayConnectionPoolOptions(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.secretKey = builder.secretKey;
        this.maxReplyLength = builder.maxReplyLength;
        this.maxPendingQueries = builder.maxPendingQueries;
        this.maxPendingCommands = builder.maxPendingCommands;
        this.sslContext = builder.sslContext;
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
        return new Builder().connectTimeout(connectTimeout).secretKey(secretKey).maxReplyLength(maxReplyLength)
                .maxPendingQueries(maxPendingQueries).maxPendingCommands(maxPendingCommands).sslContext(sslContext);
    }

    /** How long opening a connection to a gateway may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The gateways' {@code secretKey}; empty for none. */
    public String secretKey() {
        return secretKey;
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

    /**
     * Client TLS context (with this client's certificate) for the connections to gateways' inner ports, or null for
     * plain TCP as in GatewayWorker. See {@link org.jgateway.transport.MutualTls}.
     */
    public SslContext sslContext() {
        return sslContext;
    }

    @Override
    public String toString() {
        // The secret stays out of logs.
        return "GatewayConnectionPoolOptions{connectTimeout=" + connectTimeout + ", secretKey="
                + (secretKey.isEmpty() ? "none" : "***") + ", maxReplyLength=" + maxReplyLength
                + ", maxPendingQueries=" + maxPendingQueries + ", maxPendingCommands=" + maxPendingCommands
                + (sslContext != null ? ", tls" : "") + '}';
    }

    /** Builder of {@link GatewayConnectionPoolOptions}. */
    public static final class Builder {

        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String secretKey = DEFAULT_SECRET_KEY;
        private int maxReplyLength = DEFAULT_MAX_REPLY_LENGTH;
        private int maxPendingQueries = DEFAULT_MAX_PENDING_QUERIES;
        private int maxPendingCommands = DEFAULT_MAX_PENDING_COMMANDS;
        private SslContext sslContext;

        private Builder() {
        }

        /** Default {@link #DEFAULT_CONNECT_TIMEOUT}; positive, at most {@code Integer.MAX_VALUE} ms. */
        public Builder connectTimeout(Duration connectTimeout) {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectTimeout out of range: " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The gateways' secret key; null or empty for none. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey == null ? "" : secretKey;
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

        /** Connect to gateways over mutual TLS with this client context; null (default) for plain TCP. */
        public Builder sslContext(SslContext sslContext) {
            if (sslContext != null && !sslContext.isClient()) {
                throw new IllegalArgumentException("sslContext must be a client SslContext");
            }
            this.sslContext = sslContext;
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
