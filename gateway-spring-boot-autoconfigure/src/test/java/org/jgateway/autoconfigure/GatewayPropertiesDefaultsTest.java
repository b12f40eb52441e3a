package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.redis.RedisKeys;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.redis.engine.RedisEngineOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unset {@code gateway.*} properties give each options class exactly the defaults of the core library, and the
 * configuration metadata states those defaults. A default is written once, in the core's {@code DEFAULT_*}
 * constants; these tests catch a property, mapping or metadata entry that drifts from it.
 */
class GatewayPropertiesDefaultsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class))
            .withPropertyValues("gateway.machine-type=");

    @Test
    void clusterConnectionDefaultsAreTheCoreDefaults() {
        runner.run(context -> assertThat(context.getBean(ClusterConnectionOptions.class)).usingRecursiveComparison()
                .isEqualTo(ClusterConnectionOptions.defaults()));
    }

    @Test
    void gatewayApiDefaultsAreTheCoreDefaults() {
        // The engine's broker is a collaborator with counters of its own: the same kind, not an equal value.
        runner.run(context -> {
            GatewayApiOptions mapped = context.getBean(GatewayApiOptions.class);
            assertThat(mapped).usingRecursiveComparison().ignoringFields("broker").isEqualTo(GatewayApiOptions.defaults());
            assertThat(mapped.broker()).hasSameClassAs(GatewayApiOptions.defaults().broker());
        });
    }

    @Test
    void gatewayAndListenerDefaultsAreTheCoreDefaults() {
        GatewayOptions mapped = new GatewayOptionsFactory(new GatewayProperties(), null, null, ClusterConnectionOptions.defaults(),
                null, null, List.of(), List.of()).create();
        // Without listeners the gateway role gets GatewayWorker's demo WebSocket listener.
        GatewayOptions core = GatewayOptions.builder().listener(ListenerOptions.builder(ClientProtocol.WEBSOCKET)
                .name(ListenerSettings.DEFAULT_NAME).port(ListenerSettings.DEFAULT_PORT).build()).build();
        assertThat(mapped).usingRecursiveComparison().ignoringFields("router").isEqualTo(core);
        assertThat(mapped.router()).hasSameClassAs(core.router());
    }

    @Test
    void aListenerWithOnlyItsPortHasTheCoreListenerDefaults() {
        GatewayProperties properties = new GatewayProperties();
        GatewayProperties.Listener text = new GatewayProperties.Listener();
        text.setPort(7000);
        properties.getListeners().put("text", text);
        GatewayOptions mapped = new GatewayOptionsFactory(properties, null, null, ClusterConnectionOptions.defaults(), null, null,
                List.of(), List.of()).create();
        assertThat(mapped.listeners()).singleElement().usingRecursiveComparison()
                .isEqualTo(ListenerOptions.builder(ClientProtocol.WEBSOCKET).name("text").port(7000).build());
    }

    @Test
    void workerDefaultsAreTheCoreDefaults() {
        WorkerOptions mapped = new WorkerOptionsFactory(new GatewayProperties().getWorker(),
                ClusterConnectionOptions.defaults(), GatewayApiOptions.defaults(), List.of()).create();
        assertThat(mapped).usingRecursiveComparison().ignoringFields("api.broker").isEqualTo(WorkerOptions.builder().build());
        assertThat(mapped.api().broker()).hasSameClassAs(WorkerOptions.builder().build().api().broker());
    }

    @Test
    void registerDefaultsAreTheCoreDefaults() {
        assertThat(GatewayRegisterAutoConfiguration.registerOptions(new GatewayProperties()).build())
                .usingRecursiveComparison().isEqualTo(RegisterOptions.create());
    }

    @Test
    void clusterEngineDefaultsAreTheRegisterEngineAndTheRedisModulesPrefix() {
        GatewayProperties.Cluster cluster = new GatewayProperties().getCluster();
        assertThat(cluster.getEngine()).isEqualTo(GatewayProperties.Engine.REGISTER);
        assertThat(cluster.getRedis().getPrefix()).isEqualTo(RedisKeys.DEFAULT_PREFIX);
        assertThat(cluster.getRedis().getPresenceTtl()).isEqualTo(RedisEngineOptions.DEFAULT_PRESENCE_TTL)
                .isEqualTo(RedisDiscovery.DEFAULT_EXPIRY);
        assertThat(cluster.getRedis().getCommandTimeout()).isEqualTo(RedisEngineOptions.DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * The metadata states the defaults (the annotation processor cannot read them from constants of another class):
     * every property whose unset value is not empty has a {@code defaultValue}, and binding that value changes
     * nothing.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theMetadataStatesTheDefaults() throws Exception {
        List<Map<String, Object>> properties = gatewayMetadata();
        GatewayProperties defaults = new GatewayProperties();
        BeanWrapperImpl unset = new BeanWrapperImpl(defaults);
        assertThat(properties).hasSizeGreaterThan(20).allSatisfy(property -> {
            String name = (String) property.get("name");
            Object defaultValue = property.get("defaultValue");
            Object value = unset.getPropertyValue(beanPath(name));
            if (defaultValue == null) {
                boolean empty = value == null || value instanceof Map<?, ?> map && map.isEmpty()
                        || value instanceof List<?> list && list.isEmpty();
                assertThat(empty).as("%s has the default %s, which the metadata does not state", name, value).isTrue();
                return;
            }
            GatewayProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(name,
                    String.valueOf(defaultValue)))).bindOrCreate("gateway", Bindable.of(GatewayProperties.class));
            assertThat(bound).as("%s=%s", name, defaultValue).usingRecursiveComparison().isEqualTo(defaults);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> gatewayMetadata() throws Exception {
        for (URL url : Collections.list(GatewayPropertiesDefaultsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            Map<String, Object> metadata;
            try (InputStream in = url.openStream()) {
                metadata = JsonMapper.shared().readValue(in, Map.class);
            }
            List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
            List<Map<String, Object>> gateway = properties.stream()
                    .filter(p -> ((String) p.get("name")).startsWith("gateway.")).toList();
            if (!gateway.isEmpty()) {
                return gateway;
            }
        }
        throw new AssertionError("no metadata for gateway.* properties on the classpath");
    }

    /** {@code gateway.worker.stop-timeout} -> {@code worker.stopTimeout}. */
    private static String beanPath(String property) {
        StringBuilder path = new StringBuilder();
        String rest = property.substring("gateway.".length());
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '-') {
                path.append(Character.toUpperCase(rest.charAt(++i)));
            } else {
                path.append(c);
            }
        }
        return path.toString();
    }
}
