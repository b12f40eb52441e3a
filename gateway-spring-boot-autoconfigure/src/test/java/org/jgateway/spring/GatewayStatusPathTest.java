package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.autoconfigure.actuate.GatewayStatusEndpointAutoConfiguration;
import org.jgateway.spring.actuate.GatewayStatusEndpoint;
import org.jgateway.spring.test.UnstartedRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The status endpoint keeps the path {@code /actuator/gateway-status} with an id Spring Boot accepts without a warning,
 * and the usual properties (exposure, access, path mapping) still reach it under the dashed name.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayStatusPathTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                    WebEndpointAutoConfiguration.class, GatewayStatusEndpointAutoConfiguration.class))
            .withUserConfiguration(UnstartedRoles.Loops.class, UnstartedRoles.Gateway.class)
            .withPropertyValues("management.endpoints.web.exposure.include=gateway-status");

    @Test
    void servedAtGatewayStatusWithoutAnInvalidIdWarning(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasSingleBean(GatewayStatusEndpoint.class);
            assertThat(context.getBean(PathMappedEndpoints.class).getPath(EndpointId.of(GatewayStatusEndpoint.ID)))
                    .isEqualTo("/actuator/gateway-status");
        });
        assertThat(GatewayStatusEndpoint.ID).matches("[a-z][a-zA-Z0-9]*");
        assertThat(output).doesNotContain("contains invalid characters");
    }

    @Test
    void aPathMappingPropertyStillMovesIt() {
        runner.withPropertyValues("management.endpoints.web.path-mapping.gateway-status=status").run(context ->
                assertThat(context.getBean(PathMappedEndpoints.class)
                        .getPath(EndpointId.of(GatewayStatusEndpoint.ID))).isEqualTo("/actuator/status"));
    }

    @Test
    void theDashedNameStillTurnsItOff() {
        runner.withPropertyValues("management.endpoint.gateway-status.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(GatewayStatusEndpoint.class));
    }
}
