package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.spring.context.GatewayPortInfoApplicationContextInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/** {@code gateway.history.*}: one store shared by the gateway and the Gateway API of the process, or none. */
class GatewayHistoryAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new GatewayPortInfoApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class,
                    GatewayRegisterAutoConfiguration.class, GatewayServerAutoConfiguration.class,
                    GatewayWorkerAutoConfiguration.class, GatewayTemplateAutoConfiguration.class,
                    SslAutoConfiguration.class))
            .withPropertyValues("gateway.register.port=0", "gateway.start-port=0", "gateway.listeners.ws.port=0");

    @Test
    void withoutPatternsNothingKeepsHistory() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HistoryStore.class)).isSameAs(HistoryStore.none());
            assertThat(context.getBean(GatewayApiOptions.class).history()).isSameAs(HistoryStore.none());
        });
    }

    @Test
    void patternsGiveTheGatewayAndTheApiOneMemoryStore() {
        runner.withPropertyValues("gateway.history.groups[0].pattern=room:*", "gateway.history.groups[0].size=20",
                "gateway.history.groups[0].ttl=30", "gateway.history.uids[0].pattern=*",
                "gateway.history.max-memory=1MB").run(context -> {
                    assertThat(context).hasNotFailed();
                    HistoryStore store = context.getBean(HistoryStore.class);
                    assertThat(store).isInstanceOf(MemoryHistoryStore.class);
                    MemoryHistoryStore memory = (MemoryHistoryStore) store;
                    assertThat(memory.options().groups())
                            .containsExactly(new HistoryPolicy("room:*", 20, Duration.ofSeconds(30)));
                    assertThat(memory.options().uids()).containsExactly(HistoryPolicy.of("*"));
                    assertThat(memory.options().maxMemory()).isEqualTo(1024 * 1024);
                    assertThat(context.getBean(GatewayApiOptions.class).history()).isSameAs(store);
                    assertThat(gateway(context).options().history()).isSameAs(store);
                    assertThat(store.retains(HistoryStream.group("room:1"))).isTrue();
                    assertThat(store.retains(HistoryStream.group("lobby"))).isFalse();
                });
    }

    @Test
    void anEmptyListFromAMoreImportantSourceTurnsHistoryOff() {
        // application.yml keeps history; the command line of a process without both roles says "none".
        runner.withInitializer(context -> {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            sources.addLast(new MapPropertySource("application.yml", Map.of("gateway.history.groups[0].pattern", "room:*")));
            sources.addFirst(new MapPropertySource("command line", Map.of("gateway.history.groups", "")));
        }).withPropertyValues("gateway.machine-type=register,gateway").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HistoryStore.class)).isSameAs(HistoryStore.none());
        });
    }

    @Test
    void theUnknownPropertyReporterKnowsTheSettingsOfEachPattern() {
        GatewayPropertyNames names = GatewayPropertyNames.load(getClass().getClassLoader());
        for (String known : new String[] {"gateway.history.groups[0].pattern", "gateway.history.uids[3].ttl",
                "gateway.history.groups[1].size", "gateway.history.max-memory"}) {
            assertThat(names.isKnown(ConfigurationPropertyName.of(known))).as(known).isTrue();
        }
        assertThat(names.isKnown(ConfigurationPropertyName.of("gateway.history.groups[0].sise"))).isFalse();
    }

    private static GatewayServer gateway(ConfigurableApplicationContext context) {
        return context.getBean(GatewayServer.class);
    }
}
