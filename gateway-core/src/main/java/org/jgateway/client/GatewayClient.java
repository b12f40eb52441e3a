package org.jgateway.client;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Gateway API for any process that is not a business worker (a web application, a cron job), the Java
 * counterpart of PHP's {@code GatewayClient\Gateway}: a {@link TransportGatewayApi} over its own
 * {@link GatewayConnectionPool}.
 * <pre>{@code
 * try (GatewayClient gateway = GatewayClient.builder().registerAddresses("10.0.0.1:1236").secretKey("s3cret").build()) {
 *     gateway.sendToUid("42", Map.of("type", "notice"));
 *     int online = gateway.getAllClientIdCount();
 * }
 * }</pre>
 * The {@code *CurrentClient} methods need a worker callback and throw {@link IllegalStateException} here, as in PHP.
 */
public final class GatewayClient extends TransportGatewayApi implements AutoCloseable {

    private final GatewayConnectionPool pool;
    private final EventLoopResources ownedResources;
    private final RegisterAddressSource registers;

    private GatewayClient(GatewayConnectionPool pool, GatewayApiOptions apiOptions, EventLoopResources ownedResources,
            RegisterAddressSource registers) {
        super(pool, apiOptions);
        this.pool = pool;
        this.ownedResources = ownedResources;
        this.registers = registers;
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
            if (registers != null) {
                registers.close();
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

        private GatewayAddressSource addresses;
        private List<String> registerAddresses;
        private String secretKey = GatewayConnectionPoolOptions.DEFAULT_SECRET_KEY;
        private Duration connectTimeout = GatewayConnectionPoolOptions.DEFAULT_CONNECT_TIMEOUT;
        private SslContext registerSslContext;
        private final GatewayConnectionPoolOptions.Builder poolOptions = GatewayConnectionPoolOptions.builder();
        private final GatewayApiOptions.Builder apiOptions = GatewayApiOptions.builder();
        private EventLoopResources resources;

        private Builder() {
        }

        /**
         * Find the gateways through these registers ({@code "host:port"}, several for HA), as PHP's
         * {@code Gateway::$registerAddress}; the list is kept current while the client is open.
         */
        public Builder registerAddresses(String... addresses) {
            return registerAddresses(List.of(addresses));
        }

        /** See {@link #registerAddresses(String...)}. */
        public Builder registerAddresses(Collection<String> addresses) {
            this.registerAddresses = List.copyOf(addresses);
            this.addresses = null;
            return this;
        }

        /** A fixed list of gateway inner addresses {@code "lanIp:port"}. */
        public Builder gatewayAddresses(String... addresses) {
            return gatewayAddresses(List.of(addresses));
        }

        /** A fixed list of gateway inner addresses {@code "lanIp:port"}. */
        public Builder gatewayAddresses(Collection<String> addresses) {
            this.addresses = GatewayAddressSource.fixed(addresses);
            this.registerAddresses = null;
            return this;
        }

        /** A changing list, e.g. the register's. */
        public Builder addressSource(GatewayAddressSource source) {
            this.addresses = Objects.requireNonNull(source, "source");
            this.registerAddresses = null;
            return this;
        }

        /** The gateways' {@code secretKey} (default none). */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey == null ? "" : secretKey;
            poolOptions.secretKey(secretKey);
            return this;
        }

        /** Default {@link GatewayConnectionPoolOptions#DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            poolOptions.connectTimeout(connectTimeout);
            return this;
        }

        /**
         * Client TLS context (with this client's certificate) for the gateways' inner ports; null (default) for plain
         * TCP. See {@link org.jgateway.transport.MutualTls}.
         */
        public Builder sslContext(SslContext context) {
            poolOptions.sslContext(context);
            return this;
        }

        /** Client TLS context for the registers; null (default) for plain TCP. */
        public Builder registerSslContext(SslContext context) {
            if (context != null && !context.isClient()) {
                throw new IllegalArgumentException("registerSslContext must be a client SslContext");
            }
            this.registerSslContext = context;
            return this;
        }

        /** Default {@link GatewayApiOptions#DEFAULT_QUERY_TIMEOUT}. */
        public Builder queryTimeout(Duration queryTimeout) {
            apiOptions.queryTimeout(queryTimeout);
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

        /** The mapper for JSON messages (default {@link JsonMapper#shared()}). */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            apiOptions.jsonMapper(jsonMapper);
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
         * @throws IllegalStateException when no register addresses, gateway addresses or address source was given
         */
        public GatewayClient build() {
            if (addresses == null && registerAddresses == null) {
                throw new IllegalStateException(
                        "registerAddresses(...), gatewayAddresses(...) or addressSource(...) is required");
            }
            EventLoopResources owned = resources == null
                    ? EventLoopResources.create(DEFAULT_EVENT_LOOP_THREADS, "jgateway-client") : null;
            EventLoopResources used = resources != null ? resources.borrowed() : owned;
            RegisterAddressSource registers = null;
            GatewayAddressSource source = addresses;
            if (registerAddresses != null) {
                registers = new RegisterAddressSource(RegisterClientOptions.builder()
                        .registerAddresses(registerAddresses)
                        .secretKey(secretKey)
                        .connectTimeout(connectTimeout)
                        .sslContext(registerSslContext)
                        .build(), used);
                source = registers;
            }
            GatewayConnectionPool pool = new GatewayConnectionPool(source, poolOptions.build(), used);
            return new GatewayClient(pool, apiOptions.build(), owned, registers);
        }
    }
}
