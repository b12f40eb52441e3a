package org.jgateway.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayServerAutoConfiguration;
import org.jgateway.autoconfigure.GatewayTemplateAutoConfiguration;
import org.jgateway.autoconfigure.GatewayWorkerAutoConfiguration;
import org.jgateway.autoconfigure.InvalidGatewayPropertyFailureAnalyzer;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.engine.RegisterBroker;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.redis.engine.RedisBroker;
import org.jgateway.redis.engine.RedisEngineOptions;
import org.jgateway.redis.engine.RedisIndexSync;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With {@code gateway.cluster.engine=redis} the Gateway API routes through Redis and the gateway keeps its index there. */
class GatewayRedisEngineAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    GatewayRedisAutoConfiguration.class, GatewayRedisEngineAutoConfiguration.class,
                    GatewayAutoConfiguration.class, GatewayServerAutoConfiguration.class,
                    GatewayWorkerAutoConfiguration.class, GatewayTemplateAutoConfiguration.class))
            .withPropertyValues("gateway.start-port=0", "gateway.listeners.text.protocol=text",
                    "gateway.listeners.text.port=0", "gateway.register.port=0");

    @Test
    void theWorkersApiRoutesThroughRedisAndTheGatewayKeepsItsIndexThere() {
        runner.withPropertyValues("gateway.machine-type=gateway,worker", "gateway.cluster.engine=redis",
                "spring.data.redis.port=" + redis.port(), "gateway.cluster.redis.prefix=routed").run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisBroker broker = context.getBean(RedisBroker.class);
                    assertThat(context.getBean(BusinessWorker.class).options().api().broker()).isSameAs(broker);
                    LocalIndexSync sync = context.getBean(GatewayServer.class).options().indexSync();
                    assertThat(sync).isSameAs(context.getBean(RedisIndexSync.class));
                    assertThat(sync.status().engine()).isEqualTo("redis");
                    assertThat(context.getBean(RedisIndexSync.class).options().prefix()).isEqualTo("routed");
                });
    }

    @Test
    void thePresenceTtlAndTheCommandTimeoutReachTheEngineAndTheDiscovery() {
        runner.withPropertyValues("gateway.machine-type=gateway", "gateway.cluster.engine=redis",
                "spring.data.redis.port=" + redis.port(), "gateway.cluster.redis.presence-ttl=4s",
                "gateway.cluster.redis.command-timeout=250ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisEngineOptions options = context.getBean(RedisEngineOptions.class);
                    assertThat(options.presenceTtl()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4).dividedBy(3));
                    assertThat(options.commandTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(context.getBean(RedisIndexSync.class).options()).isSameAs(options);
                    assertThat(context.getBean(RedisDiscovery.class).expiry()).isEqualTo(Duration.ofSeconds(4));
                    // The gateway's announcement lives 4 s on Redis's clock, refreshed well within it.
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat((Long) redis.command("PTTL",
                            "jgateway:{gateways}")).isBetween(1L, 4000L));
                });
    }

    @ParameterizedTest
    @CsvSource({"presence-ttl, 100ms, presenceTtl must be at least 300ms",
            "command-timeout, 0s, commandTimeout must be positive"})
    void anInvalidEngineTimingFailsAtStartupNamingTheProperty(String property, String value, String reason) {
        runner.withPropertyValues("gateway.machine-type=gateway", "gateway.cluster.engine=redis",
                "spring.data.redis.port=" + redis.port(), "gateway.cluster.redis." + property + "=" + value)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure).isNotNull();
                    FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer().analyze(failure);
                    assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
                    assertThat(analysis.getDescription()).contains("Property: gateway.cluster.redis." + property)
                            .contains(reason);
                });
    }

    @Test
    void aProcessWithoutTheGatewayRoleKeepsNoIndex() {
        runner.withPropertyValues("gateway.machine-type=", "gateway.cluster.engine=redis",
                "spring.data.redis.port=" + redis.port()).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisBroker.class)
                            .doesNotHaveBean(RedisIndexSync.class);
                });
    }

    @Test
    void theRegisterEngineHasNeither() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(RedisBroker.class)
                            .doesNotHaveBean(RedisIndexSync.class);
                    assertThat(context.getBean(BusinessWorker.class).options().api().broker())
                            .isInstanceOf(RegisterBroker.class);
                });
    }
}
