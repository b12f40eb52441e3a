package org.jgateway.autoconfigure;

import org.jgateway.client.GatewayClient;

/**
 * Customizes the {@link GatewayClient} behind {@link org.jgateway.spring.GatewayTemplate} in a process without the
 * worker role, e.g. its reply size limit. Applied after the {@code gateway.*} properties, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface GatewayClientBuilderCustomizer {

    void customize(GatewayClient.Builder builder);
}
