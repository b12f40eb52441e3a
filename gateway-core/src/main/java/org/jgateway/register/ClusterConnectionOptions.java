package org.jgateway.register;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a role reaches the rest of the cluster: the registers, the shared secret, TLS towards registers and gateways,
 * and the connect and reconnect timing. One object for the gateway, the business worker, the register client and the
 * {@code GatewayClient}, which all connect to the same cluster the same way. Immutable; start from
 * {@link #builder()} or {@link #defaults()}.
 */
public final class ClusterConnectionOptions {

    /** GatewayWorker's default {@code registerAddress}: a register at its defaults on this machine. */
    public static final List<String> DEFAULT_REGISTER_ADDRESSES =
            List.of(RegisterOptions.DEFAULT_HOST + ":" + RegisterOptions.DEFAULT_PORT);

    /** No secret, like PHP's {@code secretKey}: no authentication is asked or sent. */
    public static final String DEFAULT_SECRET_KEY = "";

    /** TCP connect timeout towards registers and gateways (GatewayClient's 3 s). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * First retry of a lost or failed connection (GatewayWorker reconnects after 1 s); later retries back off up to
     * {@value #MAX_RECONNECT_BACKOFF} times this.
     */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** The longest reconnect delay, as a multiple of {@link #reconnectDelay()}. */
    public static final int MAX_RECONNECT_BACKOFF = 5;

    /**
     * How long a JGateway peer on an inner or register link may stay silent before it counts as stalled and the link
     * is closed: well under 10 s, and four keep-alives of 2 s each fit in it.
     */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(8);

    /** The shortest peer timeout accepted: below it a busy machine would close live links. */
    public static final Duration MIN_PEER_TIMEOUT = Duration.ofMillis(400);

    private static final ClusterConnectionOptions DEFAULTS = builder().build();

    private final List<String> registerAddresses;
    private final String secretKey;
    private final Duration connectTimeout;
    private final Duration reconnectDelay;
    private final Duration peerTimeout;
    private final @Nullable Supplier<SslContext> registerSslContext;
    private final @Nullable Supplier<SslContext> gatewaySslContext;
    private final boolean allowNoSecret;

    private ClusterConnectionOptions(Builder builder) {
        this.registerAddresses = builder.registerAddresses;
        this.secretKey = builder.secretKey;
        this.connectTimeout = builder.connectTimeout;
        this.reconnectDelay = builder.reconnectDelay;
        this.peerTimeout = builder.peerTimeout;
        this.registerSslContext = builder.registerSslContext;
        this.gatewaySslContext = builder.gatewaySslContext;
        this.allowNoSecret = builder.allowNoSecret;
    }

    /** Every option at its {@code DEFAULT_*}: one register on 127.0.0.1:1236, no secret, plain TCP. */
    public static ClusterConnectionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed options from. */
    public Builder mutate() {
        Builder b = new Builder();
        b.registerAddresses = registerAddresses;
        return b.secretKey(secretKey).connectTimeout(connectTimeout).reconnectDelay(reconnectDelay)
                .peerTimeout(peerTimeout).registerSslContextSupplier(registerSslContext)
                .gatewaySslContextSupplier(gatewaySslContext).allowNoSecret(allowNoSecret);
    }

    /** The registers ({@code host:port}), all of them, without duplicates, in the given order. */
    public List<String> registerAddresses() {
        return registerAddresses;
    }

    /**
     * Whether a gateway may open its inner ports beyond loopback with no secret ({@link ProtectedMode}); default
     * {@value ProtectedMode#DEFAULT_ALLOW_NO_SECRET}.
     */
    public boolean allowNoSecret() {
        return allowNoSecret;
    }

    /** The secret shared by registers, gateways, workers and API clients; empty for none. */
    public String secretKey() {
        return secretKey;
    }

    /** How long opening a connection to a register or gateway may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The first retry of a lost or failed connection. */
    public Duration reconnectDelay() {
        return reconnectDelay;
    }

    /** The longest retry delay: {@value #MAX_RECONNECT_BACKOFF} times {@link #reconnectDelay()}. */
    public Duration maxReconnectDelay() {
        return reconnectDelay.multipliedBy(MAX_RECONNECT_BACKOFF);
    }

    /**
     * How long a peer on a link between JGateway roles (gateway and worker, register and its clients) may stay
     * silent before it counts as stalled and the link is closed; {@link Duration#ZERO} turns the check off. Both ends
     * announce theirs and a link uses the longer one, each end sending a keep-alive every quarter of it. Links to PHP
     * peers, which announce nothing, are never checked.
     */
    public Duration peerTimeout() {
        return peerTimeout;
    }

    /**
     * Client TLS context (with this role's certificate) for the connections to the registers, or null (default) for
     * plain TCP. See {@link org.jgateway.transport.MutualTls}.
     */
    public @Nullable SslContext registerSslContext() {
        return registerSslContext == null ? null : registerSslContext.get();
    }

    /**
     * Client TLS context (with this role's certificate) for the connections to gateways' inner ports, events and
     * queries alike, or null (default) for plain TCP as in GatewayWorker.
     */
    public @Nullable SslContext gatewaySslContext() {
        return gatewaySslContext == null ? null : gatewaySslContext.get();
    }

    @Override
    public String toString() {
        // The secret stays out of logs.
        return "ClusterConnectionOptions[registerAddresses=" + registerAddresses + ", secretKey="
                + (secretKey.isEmpty() ? "none" : "***") + ", connectTimeout=" + connectTimeout + ", reconnectDelay="
                + reconnectDelay + ", peerTimeout=" + peerTimeout + (registerSslContext != null ? ", register tls" : "")
                + (gatewaySslContext != null ? ", gateway tls" : "") + "]";
    }

    /** Builder of {@link ClusterConnectionOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private List<String> registerAddresses = DEFAULT_REGISTER_ADDRESSES;
        private String secretKey = DEFAULT_SECRET_KEY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Duration peerTimeout = DEFAULT_PEER_TIMEOUT;
        private @Nullable Supplier<SslContext> registerSslContext;
        private @Nullable Supplier<SslContext> gatewaySslContext;
        private boolean allowNoSecret = ProtectedMode.DEFAULT_ALLOW_NO_SECRET;

        private Builder() {
        }

        /** The registers, {@code host:port} each; several for high availability. */
        public Builder registerAddresses(String... addresses) {
            return registerAddresses(Arrays.asList(addresses));
        }

        /**
         * The registers, {@code host:port} each; every one is connected (see {@link RegisterClient} for why).
         *
         * @throws IllegalArgumentException naming the first malformed address, or if there is none
         */
        public Builder registerAddresses(Collection<String> addresses) {
            Objects.requireNonNull(addresses, "registerAddresses");
            Map<HostAndPort, String> unique = new LinkedHashMap<>();
            for (String address : addresses) {
                unique.putIfAbsent(HostAndPort.parse(address), address);
            }
            if (unique.isEmpty()) {
                throw new IllegalArgumentException("registerAddresses: at least one register address is needed, "
                        + "e.g. 127.0.0.1:1236");
            }
            this.registerAddresses = List.copyOf(unique.values());
            return this;
        }

        /**
         * Allows a gateway's inner ports beyond loopback with no secret (warned about at every start), for a cluster
         * that must run without one, such as a mixed cluster with PHP processes configured without a secret.
         */
        public Builder allowNoSecret(boolean allowNoSecret) {
            this.allowNoSecret = allowNoSecret;
            return this;
        }

        /** The cluster's secret; null or empty for none. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey == null ? "" : secretKey;
            return this;
        }

        /** Positive, at most {@code Integer.MAX_VALUE} ms (Netty's connect timeout is an int). */
        public Builder connectTimeout(Duration connectTimeout) {
            positive(connectTimeout, "connectTimeout");
            if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectTimeout is too long: " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The first retry of a lost connection; positive. */
        public Builder reconnectDelay(Duration reconnectDelay) {
            this.reconnectDelay = positive(reconnectDelay, "reconnectDelay");
            return this;
        }

        /**
         * How long a JGateway peer may stay silent before its link is closed as stalled; {@link Duration#ZERO} for no
         * check, else at least {@link #MIN_PEER_TIMEOUT}.
         */
        public Builder peerTimeout(Duration peerTimeout) {
            Objects.requireNonNull(peerTimeout, "peerTimeout");
            if (peerTimeout.isNegative() || (!peerTimeout.isZero() && peerTimeout.compareTo(MIN_PEER_TIMEOUT) < 0)) {
                throw new IllegalArgumentException("peerTimeout must be 0 (off) or at least "
                        + MIN_PEER_TIMEOUT.toMillis() + " ms, got " + peerTimeout.toMillis() + " ms");
            }
            this.peerTimeout = peerTimeout;
            return this;
        }

        /** Connect to the registers over TLS with this client context; null (default) for plain TCP. */
        public Builder registerSslContext(@Nullable SslContext context) {
            SslContext client = requireClient(context, "registerSslContext");
            this.registerSslContext = client == null ? null : () -> client;
            return this;
        }

        /**
         * Like {@link #registerSslContext(SslContext)} with a context that may change (a reloaded certificate): each
         * new connection takes the supplier's current one; null for plain TCP.
         */
        public Builder registerSslContextSupplier(@Nullable Supplier<SslContext> context) {
            if (context != null) {
                requireClient(context.get(), "registerSslContext");
            }
            this.registerSslContext = context;
            return this;
        }

        /** Connect to gateways over mutual TLS with this client context; null (default) for plain TCP. */
        public Builder gatewaySslContext(@Nullable SslContext context) {
            SslContext client = requireClient(context, "gatewaySslContext");
            this.gatewaySslContext = client == null ? null : () -> client;
            return this;
        }

        /**
         * Like {@link #gatewaySslContext(SslContext)} with a context that may change (a reloaded certificate): each
         * new connection takes the supplier's current one; null for plain TCP.
         */
        public Builder gatewaySslContextSupplier(@Nullable Supplier<SslContext> context) {
            if (context != null) {
                requireClient(context.get(), "gatewaySslContext");
            }
            this.gatewaySslContext = context;
            return this;
        }

        public ClusterConnectionOptions build() {
            return new ClusterConnectionOptions(this);
        }

        private static @Nullable SslContext requireClient(@Nullable SslContext context, String name) {
            if (context != null && !context.isClient()) {
                throw new IllegalArgumentException(name + " must be a client SslContext");
            }
            return context;
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
