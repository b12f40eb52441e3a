package org.jgateway.autoconfigure.actuate;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.spring.actuate.GatewayHealthIndicator;
import org.jgateway.worker.BusinessWorker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The {@code gateway} health indicator ({@link GatewayHealthIndicator}), when Spring Boot's health support is on the
 * classpath, {@code management.health.gateway.enabled} is not false and this process runs at least one JGateway
 * role.
 */
@AutoConfiguration(afterName = "org.jgateway.autoconfigure.GatewayAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnEnabledHealthIndicator("gateway")
@Conditional(OnGatewayRoleCondition.class)
public final class GatewayHealthContributorAutoConfiguration {

    // The bean name makes the component name: "gateway" in /actuator/health.
    @Bean
    @ConditionalOnMissingBean(name = "gatewayHealthIndicator")
    GatewayHealthIndicator gatewayHealthIndicator(ObjectProvider<RegisterServer> registers,
            ObjectProvider<GatewayServer> gateways, ObjectProvider<BusinessWorker> workers) {
        return new GatewayHealthIndicator(registers.orderedStream().toList(), gateways.orderedStream().toList(),
                workers.orderedStream().toList());
    }
}
