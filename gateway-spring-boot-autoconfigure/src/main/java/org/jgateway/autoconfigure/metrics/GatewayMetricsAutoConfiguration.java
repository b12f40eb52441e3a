package org.jgateway.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.history.HistoryStore;
import org.jgateway.register.RegisterServer;
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
import org.jgateway.worker.BusinessWorker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer binders of the JGateway roles this process runs (meter names in {@code docs/metrics.md}), when
 * Micrometer is on the classpath and a {@link MeterRegistry} exists. Any registry works; with
 * micrometer-registry-prometheus they appear at {@code /actuator/prometheus}. Turn them off with
 * {@code management.metrics.enable.gateway=false}.
 */
@AutoConfiguration(afterName = {"org.jgateway.autoconfigure.GatewayAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(MeterRegistry.class)
public final class GatewayMetricsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(RegisterServer.class)
    static class RegisterMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RegisterMetrics gatewayRegisterMetrics(RegisterServer register) {
            return new RegisterMetrics(register);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(GatewayServer.class)
    static class GatewayMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        GatewayConnectionMetrics gatewayConnectionMetrics(GatewayServer gateway) {
            return new GatewayConnectionMetrics(gateway);
        }

        @Bean
        @ConditionalOnMissingBean
        GatewayTrafficMetrics gatewayTrafficMetrics(GatewayServer gateway) {
            return new GatewayTrafficMetrics(gateway);
        }

        @Bean
        @ConditionalOnMissingBean
        GatewaySendFailureMetrics gatewaySendFailureMetrics(GatewayServer gateway) {
            return new GatewaySendFailureMetrics(gateway);
        }

        @Bean
        @ConditionalOnMissingBean
        GatewayHeldEventMetrics gatewayHeldEventMetrics(GatewayServer gateway) {
            return new GatewayHeldEventMetrics(gateway);
        }

        @Bean
        @ConditionalOnMissingBean
        GatewayRejectedConnectionMetrics gatewayRejectedConnectionMetrics(GatewayServer gateway) {
            return new GatewayRejectedConnectionMetrics(gateway);
        }

        @Bean
        @ConditionalOnMissingBean
        EngineIndexMetrics gatewayEngineIndexMetrics(GatewayServer gateway) {
            return new EngineIndexMetrics(gateway);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(HistoryStore.class)
    static class HistoryMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HistoryMetrics gatewayHistoryMetrics(HistoryStore store, ObjectProvider<GatewayServer> gateway) {
            return new HistoryMetrics(store, gateway.getIfUnique());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(BusinessWorker.class)
    static class WorkerMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WorkerEventMetrics gatewayWorkerEventMetrics(BusinessWorker worker) {
            return new WorkerEventMetrics(worker);
        }

        @Bean
        @ConditionalOnMissingBean
        WorkerConnectionMetrics gatewayWorkerConnectionMetrics(BusinessWorker worker) {
            return new WorkerConnectionMetrics(worker);
        }

        @Bean
        @ConditionalOnMissingBean
        EngineRoutingMetrics gatewayEngineRoutingMetrics(BusinessWorker worker) {
            return new EngineRoutingMetrics(worker);
        }
    }
}
