package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayProperties.Listener;
import org.jgateway.autoconfigure.ListenerDeclarationOrder;
import org.jgateway.gateway.listener.ClientProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * application.yml binds to exactly the reference app's default addresses, and the command line or the environment
 * override single listener values, leaving the rest. Nothing is started, so the default ports need not be free.
 */
class ReferenceDefaultsTest {

    @Test
    void defaultsAreThoseOfTheReference() throws Exception {
        StandardEnvironment environment = environmentWith(Map.of(), Map.of());
        GatewayProperties gateway = bind(environment);

        assertThat(gateway.getMachineType()).isEqualTo("all");
        assertThat(gateway.getLanIp()).isEqualTo("127.0.0.1");
        assertThat(gateway.getSecretKey()).isEmpty();
        assertThat(gateway.getRegister().getHost()).isEqualTo("127.0.0.1");
        assertThat(gateway.getRegister().getPort()).isEqualTo(1236);
        assertThat(gateway.getRegisterAddress()).isEmpty(); // this process's own register
        Map<String, Listener> listeners = gateway.getListeners();
        assertThat(listeners).containsOnlyKeys("websocket", "text");
        assertListener(listeners.get("websocket"), ClientProtocol.WEBSOCKET, "127.0.0.1", 7272, 2900);
        assertThat(listeners.get("websocket").getWebsocketPath()).isNull(); // any path
        assertListener(listeners.get("text"), ClientProtocol.TEXT, "127.0.0.1", 8282, 3900);
        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("gateway-status,health,prometheus");
    }

    @Test
    void commandLineAndEnvironmentOverrideSingleListenerValues() throws Exception {
        StandardEnvironment environment = environmentWith(
                Map.of("gateway.listeners.text.port", "9282", "gateway.listeners.text.host", "0.0.0.0"),
                Map.of("GATEWAY_LISTENERS_WEBSOCKET_PORT", "9272", "GATEWAY_LISTENERS_TEXT_INNER_PORT", "9900",
                        "GATEWAY_SECRET_KEY", "s3cret", "GATEWAY_LANIP", "10.0.0.5"));
        GatewayProperties gateway = bind(environment);

        // Still both listeners, in application.yml's order although the command line names the text listener first.
        assertThat(gateway.getListeners()).containsOnlyKeys("websocket", "text");
        assertThat(List.copyOf(ListenerDeclarationOrder.sort(gateway.getListeners(), environment).keySet()))
                .containsExactly("websocket", "text");
        assertListener(gateway.getListeners().get("websocket"), ClientProtocol.WEBSOCKET, "127.0.0.1", 9272, 2900);
        assertListener(gateway.getListeners().get("text"), ClientProtocol.TEXT, "0.0.0.0", 9282, 9900);
        assertThat(gateway.getSecretKey()).isEqualTo("s3cret");
        assertThat(gateway.getLanIp()).isEqualTo("10.0.0.5");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> commandLine, Map<String, Object> env)
            throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLine", commandLine));
        for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(yaml);
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    /** Binds the properties as the application context does. */
    private static GatewayProperties bind(StandardEnvironment environment) {
        return Binder.get(environment).bind("gateway", GatewayProperties.class).get();
    }

    private static void assertListener(Listener listener, ClientProtocol protocol, String host, int port,
            int innerPort) {
        assertThat(listener.getProtocol()).isEqualTo(protocol);
        assertThat(listener.getHost()).isEqualTo(host);
        assertThat(listener.getPort()).isEqualTo(port);
        assertThat(listener.getInnerPort()).isEqualTo(innerPort);
    }
}
