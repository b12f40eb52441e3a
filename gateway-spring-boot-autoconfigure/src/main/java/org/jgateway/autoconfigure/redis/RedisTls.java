package org.jgateway.autoconfigure.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * TLS to Redis as Spring Boot's own Lettuce connection uses it: on with {@code spring.data.redis.ssl.enabled=true}
 * (or a {@code rediss://} URL), with the key and trust material, protocols and ciphers of the SSL bundle
 * {@code spring.data.redis.ssl.bundle} (the JDK's defaults without one), and the server's certificate checked against
 * the host name. The bundle is read when the engine connects; a reloaded bundle applies after a restart.
 *
 * @param enabled whether to connect over TLS
 * @param options Lettuce's TLS settings from the bundle, null for the JDK's defaults (or without TLS)
 */
record RedisTls(boolean enabled, SslOptions options) {

    private static final RedisTls NONE = new RedisTls(false, null);

    static RedisTls of(DataRedisConnectionDetails details, DataRedisProperties properties) {
        SslBundle bundle = details.getSslBundle();
        boolean url = properties != null && properties.getUrl() != null && properties.getUrl().startsWith("rediss:");
        if (bundle == null) {
            return url ? new RedisTls(true, null) : NONE;
        }
        SslOptions.Builder options = SslOptions.builder()
                .keyManager(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory());
        org.springframework.boot.ssl.SslOptions bundleOptions = bundle.getOptions();
        if (bundleOptions.getCiphers() != null) {
            options.cipherSuites(bundleOptions.getCiphers());
        }
        if (bundleOptions.getEnabledProtocols() != null) {
            options.protocols(bundleOptions.getEnabledProtocols());
        }
        return new RedisTls(true, options.build());
    }

    /** {@code uri} (and its sentinels) over TLS when enabled. */
    RedisURI apply(RedisURI uri) {
        if (enabled) {
            uri.setSsl(true);
            uri.getSentinels().forEach(sentinel -> sentinel.setSsl(true));
        }
        return uri;
    }
}
