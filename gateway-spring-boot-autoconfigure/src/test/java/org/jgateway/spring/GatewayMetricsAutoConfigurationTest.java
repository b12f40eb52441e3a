package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.jgateway.autoconfigure.metrics.GatewayMetricsAutoConfiguration;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.spring.metrics.EngineIndexMetrics;
import org.jgateway.spring.metrics.EngineRoutingMetrics;
import org.jgateway.spring.metrics.GatewayConnectionMetrics;
import org.jgateway.spring.metrics.GatewayHeldEventMetrics;
import org.jgateway.spring.metrics.GatewayRejectedConnectionMetrics;
import org.jgateway.spring.metrics.GatewaySendFailureMetrics;
import org.jgateway.spring.metrics.GatewayTrafficMetrics;
import org.jgateway.spring.metrics.HistoryMetrics;
import org.jgateway.spring.metrics.RegisterMetrics;
import org.jgateway.spring.metrics.WorkerConnectionMetrics;
import org.jgateway.spring.metrics.WorkerEventMetrics;
import org.jgateway.spring.test.UnstartedRoles;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which binders exist for which roles, with and without Micrometer, a registry, or Prometheus. */
class GatewayMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayMetricsAutoConfiguration.class))
            .withUserConfiguration(UnstartedRoles.Loops.class)
            .withBean(SimpleMeterRegistry.class);

    @Test
    void oneBinderPerConcernOfEachRole() {
        runner.withUserConfiguration(UnstartedRoles.Register.class, UnstartedRoles.Gateway.class,
                UnstartedRoles.Worker.class).run(context -> assertThat(context)
                        .hasSingleBean(RegisterMetrics.class)
                        .hasSingleBean(GatewayConnectionMetrics.class)
                        .hasSingleBean(GatewayTrafficMetrics.class)
                        .hasSingleBean(GatewaySendFailureMetrics.class)
                        .hasSingleBean(GatewayHeldEventMetrics.class)
                        .hasSingleBean(GatewayRejectedConnectionMetrics.class)
                        .hasSingleBean(EngineIndexMetrics.class)
                        .hasSingleBean(WorkerEventMetrics.class)
                        .hasSingleBean(WorkerConnectionMetrics.class)
                        .hasSingleBean(EngineRoutingMetrics.class));
    }

    @Test
    void absentRolesHaveNoBinders() {
        runner.withUserConfiguration(UnstartedRoles.Register.class).run(context -> {
            assertThat(context).hasSingleBean(RegisterMetrics.class);
            assertThat(context.getBeansOfType(MeterBinder.class)).hasSize(1);
        });
        runner.withUserConfiguration(UnstartedRoles.Worker.class).run(context -> {
            assertThat(context).hasSingleBean(WorkerEventMetrics.class).hasSingleBean(WorkerConnectionMetrics.class)
                    .hasSingleBean(EngineRoutingMetrics.class);
            assertThat(context.getBeansOfType(MeterBinder.class)).hasSize(3);
        });
        runner.run(context -> assertThat(context.getBeansOfType(MeterBinder.class)).isEmpty());
    }

    @Test
    void engineMetersReadTheWorkersBrokerAndTheGatewaysIndex() {
        runner.withUserConfiguration(UnstartedRoles.Gateway.class, UnstartedRoles.Worker.class).run(context -> {
            BusinessWorker worker = context.getBean(BusinessWorker.class);
            worker.options().api().broker().uidOwners(List.of("u"), List.of("127.0.0.1:2900", "127.0.0.1:2901"));
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EngineRoutingMetrics.class).bindTo(registry);
            context.getBean(EngineIndexMetrics.class).bindTo(registry);
            String name = worker.options().name();
            assertThat(registry.get("gateway.engine.commands").tags("worker", name, "engine", "register", "route",
                    "broadcast").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("gateway.engine.commands").tags("route", "routed").functionCounter().count())
                    .isZero();
            assertThat(registry.get("gateway.engine.store.failures").meters()).hasSize(3);
            assertThat(registry.get("gateway.engine.index.rebuilds").functionCounter().count()).isZero();
        });
    }

    @Test
    void historyMetersReadTheStoreAndTheGatewaysRecoveries() {
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("h:*", 1, Duration.ofMinutes(1))).build());
        runner.withUserConfiguration(UnstartedRoles.Gateway.class).withBean(HistoryStore.class, () -> store)
                .run(context -> {
                    assertThat(context).hasSingleBean(HistoryMetrics.class);
                    store.append(HistoryStream.group("h:1"), p -> new byte[10], (p, body) -> { });
                    store.append(HistoryStream.group("h:1"), p -> new byte[10], (p, body) -> { });
                    MeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(HistoryMetrics.class).bindTo(registry);
                    assertThat(registry.get("gateway.history.appends").tag("store", "memory").functionCounter()
                            .count()).isEqualTo(2);
                    assertThat(registry.get("gateway.history.removed").tags("store", "memory", "reason", "trimmed")
                            .functionCounter().count()).isEqualTo(1);
                    assertThat(registry.get("gateway.history.failures").tags("operation", "append")
                            .functionCounter().count()).isZero();
                    assertThat(registry.get("gateway.history.memory.used").gauge().value())
                            .isEqualTo(store.memoryInUse()).isPositive();
                    assertThat(registry.get("gateway.history.recoveries").tags("listener", "text", "result",
                            "incomplete").functionCounter().count()).isZero();
                });
        runner.withBean(HistoryStore.class, HistoryStore::none).run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(HistoryMetrics.class).bindTo(registry);
            assertThat(registry.getMeters()).isEmpty();
        });
    }

    @Test
    void nothingWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GatewayMetricsAutoConfiguration.class))
                .withUserConfiguration(UnstartedRoles.Loops.class, UnstartedRoles.Gateway.class)
                .run(context -> assertThat(context.getBeansOfType(MeterBinder.class)).isEmpty());
    }

    @Test
    void nothingWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GatewayMetricsAutoConfiguration.class))
                .withUserConfiguration(UnstartedRoles.Loops.class, UnstartedRoles.Gateway.class)
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(GatewayConnectionMetrics.class));
    }

    @Test
    void bindsToWhateverRegistryWithoutPrometheus() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, GatewayMetricsAutoConfiguration.class))
                .withUserConfiguration(UnstartedRoles.Loops.class, UnstartedRoles.Gateway.class)
                .withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(PrometheusMeterRegistry.class)
                            .hasSingleBean(GatewayConnectionMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("gateway.connections").tag("listener", "text").gauge().value())
                            .isZero();
                    assertThat(registry.get("gateway.messages.in").tag("listener", "text").functionCounter()
                            .count()).isZero();
                    assertThat(registry.get("gateway.engine.listeners.announced").tag("engine", "register").gauge()
                            .value()).isZero();
                });
    }
}
