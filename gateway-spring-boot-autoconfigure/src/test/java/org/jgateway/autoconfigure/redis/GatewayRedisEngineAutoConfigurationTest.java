package org.jgateway.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayServerAutoConfiguration;
import org.jgateway.autoconfigure.GatewayTemplateAutoConfiguration;
import org.jgateway.autoconfigure.GatewayWorkerAutoConfiguration;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.engine.RegisterBroker;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.redis.engine.RedisBroker;
import org.jgateway.redis.engine.RedisIndexSync;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
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
