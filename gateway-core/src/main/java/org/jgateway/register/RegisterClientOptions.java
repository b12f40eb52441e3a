package org.jgateway.register;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jgateway.protocol.register.RegisterCodec;

/**
 * Settings of a {@link RegisterClient}: how it reaches the cluster ({@link ClusterConnectionOptions}: registers,
 * secret, TLS, connect and reconnect timing) and what only the register link has. Immutable; start from
 * {@link #builder()} or {@link #create()}.
 */
public final class RegisterClientOptions {

    /** Fraction of each reconnect delay taken off at random. */
    public static final double DEFAULT_RECONNECT_JITTER = 0.2;

    /**
     * Keep-alive {@code {"event":"ping"}} after this long without writing (PHP's
     * {@code PERSISTENCE_CONNECTION_PING_INTERVAL}). PHP skips it for registers on 127.0.0.1; it costs nothing, so
     * we always send it, which also keeps NAT and firewall entries alive.
     */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(25);

    /** Longest line accepted from a register. */
    public static final int DEFAULT_MAX_LINE_LENGTH = RegisterCodec.DEFAULT_MAX_LINE_LENGTH;

    private final ClusterConnectionOptions cluster;
    private final List<HostAndPort> registers;
    private final double reconnectJitter;
    private final Duration pingInterval;
    private final int maxLineLength;

    private RegisterClientOptions(Builder builder) {
        this.cluster = builder.cluster;
        this.registers = builder.cluster.registerAddresses().stream().map(HostAndPort::parse).toList();
        this.reconnectJitter = builder.reconnectJitter;
        this.pingInterval = builder.pingInterval;
        this.maxLineLength = builder.maxLineLength;
    }

    /** Options with every default: one register on 127.0.0.1:1236. */
    public static RegisterClientOptions create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed options from. */
    public Builder mutate() {
        return new Builder().cluster(cluster).reconnectJitter(reconnectJitter).pingInterval(pingInterval)
                .maxLineLength(maxLineLength);
    }

    /** Registers, secret, TLS and timing. */
    public ClusterConnectionOptions cluster() {
        return cluster;
    }

    /** The registers to connect to, all of them, without duplicates. */
    public List<HostAndPort> registerAddresses() {
        return registers;
    }

    public double reconnectJitter() {
        return reconnectJitter;
    }

    /** Keep-alive interval; {@link Duration#ZERO} when disabled. */
    public Duration pingInterval() {
        return pingInterval;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public String toString() {
        return "RegisterClientOptions[" + cluster + ", reconnectJitter=" + reconnectJitter + ", pingInterval="
                + pingInterval + ", maxLineLength=" + maxLineLength + "]";
    }

    /** Builder of {@link RegisterClientOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private ClusterConnectionOptions cluster = ClusterConnectionOptions.defaults();
        private double reconnectJitter = DEFAULT_RECONNECT_JITTER;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder() {
        }

        /** Registers, secret, TLS and timing (default {@link ClusterConnectionOptions#defaults()}). */
        public Builder cluster(ClusterConnectionOptions cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        /** 0 to 1: the fraction of each reconnect delay that may be taken off at random. */
        public Builder reconnectJitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("reconnectJitter must be between 0 and 1, got " + jitter);
            }
            this.reconnectJitter = jitter;
            return this;
        }

        /** Keep-alive interval; {@link Duration#ZERO} disables pings. */
        public Builder pingInterval(Duration pingInterval) {
            Objects.requireNonNull(pingInterval, "pingInterval");
            if (pingInterval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative, got " + pingInterval);
            }
            this.pingInterval = pingInterval;
            return this;
        }

        public Builder maxLineLength(int maxLineLength) {
            if (maxLineLength < 64) {
                throw new IllegalArgumentException("maxLineLength must be at least 64, got " + maxLineLength);
            }
            this.maxLineLength = maxLineLength;
            return this;
        }

        public RegisterClientOptions build() {
            return new RegisterClientOptions(this);
        }
    }
}
