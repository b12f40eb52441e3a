package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.ProtectedMode;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.transport.EventLoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The Gateway API for any process that is not a business worker (a web application, a cron job), the Java
 * counterpart of PHP's {@code GatewayClient\Gateway}: a {@link TransportGatewayApi} over its own
 * {@link GatewayConnectionPool}.
 * <pre>{@code
 * ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
 *         .registerAddresses("10.0.0.1:1236").secretKey("s3cret").build();
 * try (GatewayClient gateway = GatewayClient.builder().cluster(cluster).build()) {
 *     gateway.sendToUid("42", Map.of("type", "notice"));
 *     int online = gateway.getAllClientIdCount();
 * }
 * }</pre>
 * The {@code *CurrentClient} methods need a worker callback and throw {@link IllegalStateException} here, as in PHP.
 */
public final class GatewayClient extends TransportGatewayApi implements AutoCloseable {

    private final GatewayConnectionPool pool;
    private final @Nullable EventLoopResources ownedResources;
    private final @Nullable DiscoveryAddressSource discovered;

    private GatewayClient(GatewayConnectionPool pool, GatewayApiOptions apiOptions,
            @Nullable EventLoopResources ownedResources, @Nullable DiscoveryAddressSource discovered) {
        super(pool, apiOptions);
        this.pool = pool;
        this.ownedResources = ownedResources;
        this.discovered = discovered;
    }

    /** A builder; gateway addresses (or an address source) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The connections this client uses. */
    public GatewayConnectionPool pool() {
        return pool;
    }

    /** Closes the connections, and the event loops when the builder created them. */
    @Override
    public void close() {
        try {
            if (discovered != null) {
                discovered.close();
            }
            pool.close();
        } finally {
            if (ownedResources != null) {
                ownedResources.close();
            }
        }
    }

    /** Builder of {@link GatewayClient}. */
    public static final class Builder {

        /** Event loop threads of a client that brings its own: one is plenty for a handful of connections. */
        public static final int DEFAULT_EVENT_LOOP_THREADS = 1;

        private @Nullable GatewayAddressSource addresses;
        private @Nullable ClusterConnectionOptions cluster;
        private @Nullable GatewayDiscovery discovery;
        private final GatewayConnectionPoolOptions.Builder poolOptions = GatewayConnectionPoolOptions.builder();
        private GatewayApiOptions apiOptions = GatewayApiOptions.defaults();
        private @Nullable EventLoopResources resources;

        private Builder() {
        }

        /**
         * How to reach the cluster: the gateways are found through its registers, as PHP's
         * {@code Gateway::$registerAddress} (the list is kept current while the client is open), unless fixed
         * gateway addresses or an address source are given; its secret, TLS contexts and connect timeout apply
         * either way.
         */
        public Builder cluster(ClusterConnectionOptions cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            poolOptions.cluster(cluster);
            return this;
        }

        /**
         * Where the gateways are found when no fixed addresses or address source are given, instead of the registers
         * of {@link #cluster(ClusterConnectionOptions)} (e.g. the Redis engine's discovery); requires the cluster
         * options too, for the secret and timeouts.
         */
        public Builder discovery(GatewayDiscovery discovery) {
            this.discovery = Objects.requireNonNull(discovery, "discovery");
            return this;
        }

        /** A fixed list of gateway inner addresses {@code "lanIp:port"}, instead of the registers'. */
        public Builder gatewayAddresses(String... addresses) {
            return gatewayAddresses(List.of(addresses));
        }

        /** A fixed list of gateway inner addresses {@code "lanIp:port"}, instead of the registers'. */
        public Builder gatewayAddresses(Collection<String> addresses) {
            this.addresses = GatewayAddressSource.fixed(addresses);
            return this;
        }

        /** A changing list, e.g. the register's, instead of the registers'. */
        public Builder addressSource(GatewayAddressSource source) {
            this.addresses = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Query timeout and JSON mapper (default {@link GatewayApiOptions#defaults()}). */
        public Builder api(GatewayApiOptions apiOptions) {
            this.apiOptions = Objects.requireNonNull(apiOptions, "apiOptions");
            return this;
        }

        /** Default {@link GatewayConnectionPoolOptions#DEFAULT_MAX_REPLY_LENGTH}. */
        public Builder maxReplyLength(int maxReplyLength) {
            poolOptions.maxReplyLength(maxReplyLength);
            return this;
        }

        /** Default {@link GatewayConnectionPoolOptions#DEFAULT_MAX_PENDING_QUERIES}. */
        public Builder maxPendingQueries(int maxPendingQueries) {
            poolOptions.maxPendingQueries(maxPendingQueries);
            return this;
        }

        /**
         * Event loops to share (not closed by the client). Without, the client creates
         * {@value #DEFAULT_EVENT_LOOP_THREADS} loop of its own and closes it.
         */
        public Builder eventLoopResources(EventLoopResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /**
         * The client, with its pool (connections open on first use).
         *
         * @throws IllegalStateException when neither the cluster, gateway addresses nor an address source was given
         */
        public GatewayClient build() {
            if (addresses == null && cluster == null) {
                throw new IllegalStateException(
                        "cluster(...), gatewayAddresses(...) or addressSource(...) is required");
            }
            EventLoopResources owned = null;
            EventLoopResources used;
            if (resources != null) {
                used = resources.borrowed();
            } else {
                owned = EventLoopResources.create(DEFAULT_EVENT_LOOP_THREADS, "jgateway-client");
                used = owned;
            }
            DiscoveryAddressSource discovered = null;
            GatewayAddressSource source = addresses;
            if (source == null) {
                // Checked above: without fixed addresses, the cluster is set.
                ClusterConnectionOptions options = Objects.requireNonNull(cluster);
                GatewayDiscovery finder = discovery;
                if (finder == null) {
                    ProtectedMode.warnIfUnprotected("Gateway API client", options.registerAddresses(),
                            options.secretKey(), LoggerFactory.getLogger(GatewayClient.class));
                    finder = new RegisterDiscovery(options);
                }
                discovered = new DiscoveryAddressSource(finder, options.connectTimeout(), used);
                source = discovered;
            }
            GatewayConnectionPool pool = new GatewayConnectionPool(source, poolOptions.build(), used);
            return new GatewayClient(pool, apiOptions, owned, discovered);
        }
    }
}
