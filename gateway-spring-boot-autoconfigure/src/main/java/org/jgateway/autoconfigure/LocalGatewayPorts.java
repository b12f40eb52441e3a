package org.jgateway.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the ports the roles actually bound as {@code local.gateway.*} properties, like Spring Boot's
 * {@code local.server.port}, so that tests and the application can find ephemeral ports
 * ({@code @Value("${local.gateway.listeners.ws.port}")}).
 */
final class LocalGatewayPorts {

    /** Name of the property source holding the published ports. */
    static final String PROPERTY_SOURCE_NAME = "jgateway.ports";

    static final String REGISTER_PORT = "local.gateway.register.port";

    private LocalGatewayPorts() {
    }

    static String listenerPort(String listener) {
        return "local.gateway.listeners." + listener + ".port";
    }

    static String listenerInnerPort(String listener) {
        return "local.gateway.listeners." + listener + ".inner-port";
    }

    static void publish(Environment environment, String property, int port) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        MutablePropertySources sources = configurable.getPropertySources();
        PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
        if (source == null) {
            source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
            // First, so that a published port wins over a value configured elsewhere for the same name.
            sources.addFirst(source);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> ports = (Map<String, Object>) source.getSource();
        ports.put(property, port);
    }
}
