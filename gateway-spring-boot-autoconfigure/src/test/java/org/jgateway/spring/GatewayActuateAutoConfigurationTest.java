package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.autoconfigure.actuate.GatewayHealthContributorAutoConfiguration;
import org.jgateway.autoconfigure.actuate.GatewayStatusEndpointAutoConfiguration;
import org.jgateway.spring.actuate.GatewayHealthIndicator;
import org.jgateway.spring.actuate.GatewayStatusEndpoint;
import org.jgateway.spring.actuate.RequestRateSampler;
import org.jgateway.spring.test.UnstartedRoles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the status endpoint and the health indicator are there, and when not. */
class GatewayActuateAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayStatusEndpointAutoConfiguration.class,
                    GatewayHealthContributorAutoConfiguration.class))
            .withUserConfiguration(UnstartedRoles.Loops.class)
            .withPropertyValues("management.endpoints.web.exposure.include=gateway-status");

    @Test
    void everyRoleGetsTheEndpointAndTheHealthIndicator() {
        runner.withUserConfiguration(UnstartedRoles.Register.class, UnstartedRoles.Gateway.class,
                UnstartedRoles.Worker.class).run(context -> {
                    assertThat(context).hasSingleBean(GatewayStatusEndpoint.class)
                            .hasSingleBean(RequestRateSampler.class)
                            .hasSingleBean(GatewayHealthIndicator.class)
                            .hasBean("gatewayHealthIndicator");
                });
    }

    @Test
    void anyOneRoleIsEnough() {
        runner.withUserConfiguration(UnstartedRoles.Worker.class).run(context -> {
            assertThat(context).hasSingleBean(GatewayStatusEndpoint.class).hasSingleBean(GatewayHealthIndicator.class);
            assertThat(context.getBean(GatewayStatusEndpoint.class).status().workers()).hasSize(1);
            assertThat(context.getBean(GatewayStatusEndpoint.class).status().registers()).isEmpty();
        });
        runner.withUserConfiguration(UnstartedRoles.Register.class).run(context ->
                assertThat(context).hasSingleBean(GatewayStatusEndpoint.class)
                        .hasSingleBean(GatewayHealthIndicator.class));
    }

    @Test
    void nothingWithoutARole() {
        runner.run(context -> assertThat(context).doesNotHaveBean(GatewayStatusEndpoint.class)
                .doesNotHaveBean(RequestRateSampler.class)
                .doesNotHaveBean(GatewayHealthIndicator.class));
    }

    @Test
    void noEndpointWithoutActuator() {
        runner.withUserConfiguration(UnstartedRoles.Gateway.class)
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(GatewayStatusEndpoint.class)
                        .hasSingleBean(GatewayHealthIndicator.class));
    }

    @Test
    void noEndpointUnlessExposed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GatewayStatusEndpointAutoConfiguration.class))
                .withUserConfiguration(UnstartedRoles.Loops.class, UnstartedRoles.Gateway.class)
                .run(context -> assertThat(context).doesNotHaveBean(GatewayStatusEndpoint.class));
        runner.withUserConfiguration(UnstartedRoles.Gateway.class)
                .withPropertyValues("management.endpoint.gateway-status.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(GatewayStatusEndpoint.class));
    }

    @Test
    void noHealthIndicatorWithoutSpringBootHealth() {
        runner.withUserConfiguration(UnstartedRoles.Gateway.class)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(GatewayHealthIndicator.class)
                        .hasSingleBean(GatewayStatusEndpoint.class));
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        runner.withUserConfiguration(UnstartedRoles.Gateway.class)
                .withPropertyValues("management.health.gateway.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(GatewayHealthIndicator.class));
    }

    @Test
    void applicationBeansWin() {
        runner.withUserConfiguration(UnstartedRoles.Gateway.class)
                .withBean("gatewayHealthIndicator", HealthIndicator.class,
                        () -> () -> org.springframework.boot.health.contributor.Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean(GatewayHealthIndicator.class)
                        .hasBean("gatewayHealthIndicator"));
    }
}
