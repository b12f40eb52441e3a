package org.jgateway.register;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jgateway.protocol.register.RegisterCodec;

/**
 * Settings of a {@link RegisterClient}. Immutable; start from {@link #builder()} or {@link #create()}.
 */
public final class RegisterClientOptions {

    /** GatewayWorker's default {@code registerAddress}. */
    public static final String DEFAULT_REGISTER_ADDRESS = "127.0.0.1:1236";

    /** No secret, like PHP's {@code secretKey}. */
    public static final String DEFAULT_SECRET_KEY = "";

    /** TCP connect timeout (GatewayClient's 3 s). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** First reconnect delay after a lost or failed connection (PHP: {@code reconnect(1)}). */
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofSeconds(1);

    /** Cap of the doubling reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(5);

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

    private final List<HostAndPort> registerAddresses;
    private final String secretKey;
    private final Duration connectTimeout;
    private final Duration reconnectInitialDelay;
    private final Duration reconnectMaxDelay;
    private final double reconnectJitter;
    private final Duration pingInterval;
    private final int maxLineLength;
    private final SslContext sslContext;

    private RegisterClientOptions(Builder builder) {
        this.registerAddresses = builder.registerAddresses;
        this.secretKey = builder.secretKey;
        this.connectTimeout = builder.connectTimeout;
        this.reconnectInitialDelay = builder.reconnectInitialDelay;
        this.reconnectMaxDelay = builder.reconnectMaxDelay;
        this.reconnectJitter = builder.reconnectJitter;
        this.pingInterval = builder.pingInterval;
        this.maxLineLength = builder.maxLineLength;
        this.sslContext = builder.sslContext;
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
        Builder b = new Builder();
        b.registerAddresses = registerAddresses;
        return b.secretKey(secretKey).connectTimeout(connectTimeout)
                .reconnectDelay(reconnectInitialDelay, reconnectMaxDelay).reconnectJitter(reconnectJitter)
                .pingInterval(pingInterval).maxLineLength(maxLineLength).sslContext(sslContext);
    }

    /** The registers to connect to, all of them, without duplicates. */
    public List<HostAndPort> registerAddresses() {
        return registerAddresses;
    }

    public String secretKey() {
        return secretKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
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

    /**
     * Client TLS context (with this role's certificate) for the registers, or null (default) for plain TCP. See
     * {@link org.jgateway.transport.MutualTls}.
     */
    public SslContext sslContext() {
        return sslContext;
    }

    @Override
    public String toString() {
        return "RegisterClientOptions[registerAddresses=" + registerAddresses + ", secretKey="
                + (secretKey.isEmpty() ? "none" : "***") + ", connectTimeout=" + connectTimeout
                + ", reconnectDelay=" + reconnectInitialDelay + ".." + reconnectMaxDelay + ", reconnectJitter="
                + reconnectJitter + ", pingInterval=" + pingInterval + ", maxLineLength=" + maxLineLength
                + (sslContext != null ? ", tls" : "") + "]";
    }

    /** Builder of {@link RegisterClientOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private List<HostAndPort> registerAddresses = List.of(HostAndPort.parse(DEFAULT_REGISTER_ADDRESS));
        private String secretKey = DEFAULT_SECRET_KEY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration reconnectInitialDelay = DEFAULT_RECONNECT_INITIAL_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
        private double reconnectJitter = DEFAULT_RECONNECT_JITTER;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private SslContext sslContext;

        private Builder() {
        }

        /** The registers, {@code host:port} each; several for high availability. */
        public Builder registerAddresses(String... addresses) {
            return registerAddresses(Arrays.asList(addresses));
        }

        /**
         * The registers, {@code host:port} each. Every one is connected: see {@link RegisterClient} for why.
         *
         * @throws IllegalArgumentException naming the first malformed address, or if there is none
         */
        public Builder registerAddresses(Collection<String> addresses) {
            Objects.requireNonNull(addresses, "addresses");
            Set<HostAndPort> parsed = new LinkedHashSet<>();
            for (String address : addresses) {
                parsed.add(HostAndPort.parse(address));
            }
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("At least one register address is needed, e.g. 127.0.0.1:1236");
            }
            this.registerAddresses = List.copyOf(parsed);
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectTimeout is too long: " + connectTimeout);
            }
            return this;
        }

        /** Reconnect backoff: {@code initial}, doubling up to {@code max}. */
        public Builder reconnectDelay(Duration initial, Duration max) {
            positive(initial, "initial reconnect delay");
            positive(max, "max reconnect delay");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max reconnect delay " + max + " is shorter than the initial " + initial);
            }
            this.reconnectInitialDelay = initial;
            this.reconnectMaxDelay = max;
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

        /** Connect over TLS with this client context; null (default) for plain TCP. */
        public Builder sslContext(SslContext sslContext) {
            if (sslContext != null && !sslContext.isClient()) {
                throw new IllegalArgumentException("sslContext must be a client SslContext");
            }
            this.sslContext = sslContext;
            return this;
        }

        public RegisterClientOptions build() {
            return new RegisterClientOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
