package org.jgateway.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayServerAutoConfiguration;
import org.jgateway.autoconfigure.GatewayTemplateAutoConfiguration;
import org.jgateway.autoconfigure.GatewayWorkerAutoConfiguration;
import org.jgateway.autoconfigure.InvalidGatewayPropertyFailureAnalyzer;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.redis.engine.RedisBroker;
import org.jgateway.redis.history.RedisHistoryStore;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * History in Redis Streams when the cluster engine is redis, unless {@code gateway.history.store} says otherwise, and with
 * the register engine when {@code gateway.history.store=redis}.
 */
class GatewayRedisHistoryAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    GatewayRedisAutoConfiguration.class, GatewayRedisEngineAutoConfiguration.class,
                    GatewayRedisHistoryAutoConfiguration.class, GatewayAutoConfiguration.class,
                    GatewayServerAutoConfiguration.class, GatewayWorkerAutoConfiguration.class,
                    GatewayTemplateAutoConfiguration.class))
            .withPropertyValues("gateway.start-port=0", "gateway.listeners.text.protocol=text",
                    "gateway.listeners.text.port=0", "gateway.register.port=0");

    private ApplicationContextRunner redisEngine(String... properties) {
        return runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + redis.port())
                .withPropertyValues(properties);
    }

    @Test
    void theRedisEngineKeepsHistoryInRedisSharedByTheGatewayAndTheApi() {
        redisEngine("gateway.machine-type=gateway,worker", "gateway.cluster.redis.prefix=wired",
                "gateway.history.groups[0].pattern=room:*").run(context -> {
                    assertThat(context).hasNotFailed();
                    HistoryStore store = context.getBean(HistoryStore.class);
                    assertThat(store).isInstanceOf(RedisHistoryStore.class);
                    assertThat(context.getBean(GatewayServer.class).options().history()).isSameAs(store);
                    assertThat(context.getBean(BusinessWorker.class).options().api().history()).isSameAs(store);
                    store.append(HistoryStream.group("room:1"), p -> new byte[] {1}, (p, body) -> { });
                    assertThat((List<?>) redis.command("KEYS", "wired:{h:group:room:1}:*")).hasSize(2);
                });
    }

    @Test
    void aWorkerOnlyProcessMayKeepHistoryInRedis() {
        redisEngine("gateway.machine-type=worker", "gateway.history.uids[0].pattern=*").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(GatewayApiOptions.class).history()).isInstanceOf(RedisHistoryStore.class);
        });
    }

    @Test
    void withoutPatternsNothingKeepsHistory() {
        redisEngine("gateway.machine-type=gateway,worker").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HistoryStore.class)).isSameAs(HistoryStore.none());
        });
    }

    @Test
    void theMemoryStoreCanBeChosenWithTheRedisEngine() {
        redisEngine("gateway.machine-type=gateway,worker", "gateway.history.store=memory",
                "gateway.history.groups[0].pattern=room:*").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HistoryStore.class)).isInstanceOf(MemoryHistoryStore.class);
                });
    }

    @Test
    void theRegisterEngineKeepsHistoryInRedisWhenAskedAndStillFindsGatewaysThroughTheRegister() {
        runner.withPropertyValues("gateway.machine-type=gateway", "gateway.history.store=redis",
                "spring.data.redis.port=" + redis.port(), "gateway.cluster.redis.prefix=reg",
                "gateway.history.groups[0].pattern=room:*").run(context -> {
                    assertThat(context).hasNotFailed();
                    HistoryStore store = context.getBean(HistoryStore.class);
                    assertThat(store).isInstanceOf(RedisHistoryStore.class);
                    assertThat(context.getBean(GatewayServer.class).options().history()).isSameAs(store);
                    // Discovery and routing stay GatewayWorker's: the register engine, no Redis discovery or broker.
                    assertThat(context.getBean(GatewayDiscovery.class)).isInstanceOf(RegisterDiscovery.class);
                    assertThat(context).doesNotHaveBean(RedisDiscovery.class).doesNotHaveBean(RedisBroker.class);
                    store.append(HistoryStream.group("room:1"), p -> new byte[] {1}, (p, body) -> { });
                    assertThat((List<?>) redis.command("KEYS", "reg:{h:group:room:1}:*")).hasSize(2);
                });
    }

    @Test
    void theRegisterEngineKeepsHistoryInMemoryUnlessRedisIsChosen() {
        runner.withPropertyValues("gateway.machine-type=gateway,worker", "spring.data.redis.port=" + redis.port(),
                "gateway.history.groups[0].pattern=room:*").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HistoryStore.class)).isInstanceOf(MemoryHistoryStore.class);
                    assertThat(context).doesNotHaveBean(RedisConnections.class);
                });
    }

    @Test
    void theRedisStoreWithoutSpringBootsRedisFailsNamingTheStoreProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GatewayRedisAutoConfiguration.class,
                        GatewayRedisHistoryAutoConfiguration.class, GatewayAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=worker", "gateway.history.store=redis",
                        "gateway.history.groups[0].pattern=room:*")
                .run(context -> {
                    FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("Property: gateway.history.store")
                            .contains("there is no Redis connection");
                    assertThat(analysis.getAction()).contains("set it to memory");
                });
    }
}
