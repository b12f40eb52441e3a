package org.jgateway.spring.context;

import java.util.HashMap;
import java.util.Map;
import org.jgateway.gateway.ListenerStatus;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the ports the roles actually bound as {@code local.gateway.*} properties, like Spring Boot's
 * {@code local.server.port}, so that tests and the application can find ephemeral ports
 * ({@code @Value("${local.gateway.listeners.ws.port}")}): {@code local.gateway.register.port},
 * {@code local.gateway.listeners.NAME.port} and {@code local.gateway.listeners.NAME.inner-port}. Registered through
 * {@code spring.factories}; add it to an {@code ApplicationContextRunner} with {@code withInitializer}.
 */
public class GatewayPortInfoApplicationContextInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Name of the property source holding the published ports. */
    public static final String PROPERTY_SOURCE_NAME = "jgateway.ports";

    @Override
    public void initialize(ConfigurableApplicationContext applicationContext) {
        applicationContext.addApplicationListener(new Listener(applicationContext));
    }

    private static final class Listener implements GenericApplicationListener {

        private final ConfigurableApplicationContext applicationContext;

        Listener(ConfigurableApplicationContext applicationContext) {
            this.applicationContext = applicationContext;
        }

        @Override
        public boolean supportsEventType(ResolvableType eventType) {
            Class<?> type = eventType.getRawClass();
            return type != null && (RegisterServerInitializedEvent.class.isAssignableFrom(type)
                    || GatewayServerInitializedEvent.class.isAssignableFrom(type));
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof RegisterServerInitializedEvent registerEvent) {
                publish("local.gateway.register.port", registerEvent.getRegister().port());
            } else if (event instanceof GatewayServerInitializedEvent gatewayEvent) {
                for (ListenerStatus listener : gatewayEvent.getGateway().listeners()) {
                    publish("local.gateway.listeners." + listener.name() + ".port", listener.port());
                    publish("local.gateway.listeners." + listener.name() + ".inner-port", listener.innerPort());
                }
            }
        }

        private void publish(String property, int port) {
            ConfigurableEnvironment environment = applicationContext.getEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
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
}
