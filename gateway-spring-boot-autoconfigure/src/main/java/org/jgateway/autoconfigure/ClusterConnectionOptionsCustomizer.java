package org.jgateway.autoconfigure;

import org.jgateway.register.ClusterConnectionOptions;

/**
 * Customizes how every role of this process reaches the cluster (the gateway's and the worker's register links, the
 * worker's gateway links, the {@link org.jgateway.client.GatewayClient} behind the template), e.g. to give them
 * mutual TLS contexts. Applied after the {@code gateway.*} properties, in {@link org.springframework.core.Ordered
 * order}.
 */
@FunctionalInterface
public interface ClusterConnectionOptionsCustomizer {

    void customize(ClusterConnectionOptions.Builder builder);
}
