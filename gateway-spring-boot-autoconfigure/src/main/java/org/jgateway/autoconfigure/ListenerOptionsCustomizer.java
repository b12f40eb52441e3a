package org.jgateway.autoconfigure;

import org.jgateway.gateway.listener.ListenerOptions;

/**
 * Customizes each client listener of the auto-configured gateway, e.g. to add a WebSocket
 * {@link ListenerOptions.Builder#handshakeFilter handshake filter}. Applied after the {@code gateway.listeners}
 * properties, in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface ListenerOptionsCustomizer {

    /**
     * @param name    the listener's name (its key in {@code gateway.listeners})
     * @param builder its options so far
     */
    void customize(String name, ListenerOptions.Builder builder);
}
