package org.jgateway.autoconfigure;

import org.jgateway.gateway.GatewayOptions;

/**
 * Customizes the options of the auto-configured gateway (GatewayServer); listeners are customized with ListenerOptionsCustomizer. Applied after the {@code gateway.*} properties, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface GatewayOptionsCustomizer {

    void customize(GatewayOptions.Builder builder);
}
