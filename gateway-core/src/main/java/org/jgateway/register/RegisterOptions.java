package org.jgateway.register;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jgateway.protocol.register.RegisterCodec;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link RegisterServer}. Immutable; start from {@link #builder()} or {@link #create()}.
 */
public final class RegisterOptions {

    /** Loopback only: a register open to the network must be asked for explicitly. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** GatewayWorker's conventional register port. */
    public static final int DEFAULT_PORT = 1236;

    /** A TLS register requires client certificates (mutual TLS). */
    public static final boolean DEFAULT_REQUIRE_CLIENT_CERTIFICATE = true;

    /** How long a new connection may stay silent before its first message (PHP: 10 s). */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);

    /** Longest accepted line. */
    public static final int DEFAULT_MAX_LINE_LENGTH = RegisterCodec.DEFAULT_MAX_LINE_LENGTH;

    private final String host;
    private final int port;
    private final String secretKey;
    private final Duration authTimeout;
    private final int maxLineLength;
    private final @Nullable Supplier<SslContext> sslContext;
    private final boolean requireClientCertificate;
    private final boolean allowNoSecret;

    private RegisterOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.secretKey = builder.secretKey;
        this.authTimeout = builder.authTimeout;
        this.maxLineLength = builder.maxLineLength;
        this.sslContext = builder.sslContext;
        this.requireClientCertificate = builder.requireClientCertificate;
        this.allowNoSecret = builder.allowNoSecret;
    }

    /** Options with every default. */
    public static RegisterOptions create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed options from. */
    public Builder mutate() {
        return new Builder().host(host).port(port).secretKey(secretKey).authTimeout(authTimeout)
                .maxLineLength(maxLineLength).sslContextSupplier(sslContext)
                .requireClientCertificate(requireClientCertificate).allowNoSecret(allowNoSecret);
    }

    /**
     * Whether the register may listen beyond loopback with no secret ({@link ProtectedMode}); default
     * {@value ProtectedMode#DEFAULT_ALLOW_NO_SECRET}.
     */
    public boolean allowNoSecret() {
        return allowNoSecret;
    }

    /** The address to bind. */
    public String host() {
        return host;
    }

    /** The port to bind; 0 picks an ephemeral port (see {@link RegisterServer#port()}). */
    public int port() {
        return port;
    }

    /** The secret gateways and workers must present; {@code ""} for none. */
    public String secretKey() {
        return secretKey;
    }

    /** The first-message deadline of a new connection. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** The longest line accepted before the connection is rejected as a bad request. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Server TLS context: gateways, workers and API clients must then connect with TLS and a client certificate.
     * Null (default) for plain TCP, as PHP's register speaks. See {@link org.jgateway.transport.MutualTls}.
     */
    /** Whether a TLS register requires a certificate from every connecting role. */
    public boolean requireClientCertificate() {
        return requireClientCertificate;
    }

    public @Nullable SslContext sslContext() {
        return sslContext == null ? null : sslContext.get();
    }

    @Override
    public String toString() {
        return "RegisterOptions[host=" + host + ", port=" + port + ", secretKey=" + (secretKey.isEmpty() ? "none" : "***")
                + ", authTimeout=" + authTimeout + ", maxLineLength=" + maxLineLength
                + (sslContext != null ? ", tls" : "") + "]";
    }

    /** Builder of {@link RegisterOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        /** The one the register's peers send by default: {@link ClusterConnectionOptions#DEFAULT_SECRET_KEY}. */
        private String secretKey = ClusterConnectionOptions.DEFAULT_SECRET_KEY;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private @Nullable Supplier<SslContext> sslContext;
        private boolean requireClientCertificate = DEFAULT_REQUIRE_CLIENT_CERTIFICATE;
        private boolean allowNoSecret = ProtectedMode.DEFAULT_ALLOW_NO_SECRET;

        private Builder() {
        }

        /** The address to bind, e.g. {@code "0.0.0.0"} to accept gateways and workers from other hosts. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** The port to bind, 0 for an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            return this;
        }

        public Builder authTimeout(Duration authTimeout) {
            Objects.requireNonNull(authTimeout, "authTimeout");
            if (authTimeout.isNegative() || authTimeout.isZero()) {
                throw new IllegalArgumentException("authTimeout must be positive, got " + authTimeout);
            }
            this.authTimeout = authTimeout;
            return this;
        }

        public Builder maxLineLength(int maxLineLength) {
            if (maxLineLength < 64) {
                throw new IllegalArgumentException("maxLineLength must be at least 64, got " + maxLineLength);
            }
            this.maxLineLength = maxLineLength;
            return this;
        }

        /** Serve over mutual TLS with this server context; null (default) for plain TCP. */
        public Builder sslContext(@Nullable SslContext sslContext) {
            return sslContextSupplier(sslContext == null ? null : () -> sslContext);
        }

        /**
         * Like {@link #sslContext(SslContext)} with a context that may change (a reloaded certificate): each new
         * connection takes the supplier's current one; null for plain TCP.
         */
        public Builder sslContextSupplier(@Nullable Supplier<SslContext> sslContext) {
            if (sslContext != null && sslContext.get().isClient()) {
                throw new IllegalArgumentException("sslContext must be a server SslContext");
            }
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Whether a TLS register requires a certificate from every connecting role (mutual TLS, default
         * {@value RegisterOptions#DEFAULT_REQUIRE_CLIENT_CERTIFICATE}); false leaves authentication to the secret.
         */
        public Builder requireClientCertificate(boolean require) {
            this.requireClientCertificate = require;
            return this;
        }

        /**
         * Allows listening beyond loopback with no secret (warned about at every start), for a cluster that must run
         * without one, such as a mixed cluster with PHP processes configured without a secret.
         */
        public Builder allowNoSecret(boolean allowNoSecret) {
            this.allowNoSecret = allowNoSecret;
            return this;
        }

        public RegisterOptions build() {
            return new RegisterOptions(this);
        }
    }
}
