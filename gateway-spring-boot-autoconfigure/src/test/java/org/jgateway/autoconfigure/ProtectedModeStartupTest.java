package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.UnprotectedPortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** Startup refuses a register or inner port beyond loopback without a secret, and says how to fix it. */
class ProtectedModeStartupTest {

    @ParameterizedTest
    @CsvSource({
            "gateway.register.host=0.0.0.0, gateway.register.host, register",
            "gateway.inner-bind-address=0.0.0.0, gateway.inner-bind-address, inner ports"})
    void startupFailsNamingThePropertiesAndTheFix(String exposing, String bindProperty, String what) {
        Throwable failure = catchThrowable(() -> EchoApplication.start(exposing).close());

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(UnprotectedPortException.class);
        FailureAnalysis analysis = new UnprotectedPortFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(what, "0.0.0.0", bindProperty, "gateway.secret-key");
        assertThat(analysis.getAction()).contains("gateway.secret-key", "${GATEWAY_SECRET_KEY}", bindProperty,
                "gateway.security.allow-no-secret=true");
    }

    @Test
    void allowNoSecretReachesTheRegisterAndTheGateway() {
        GatewayProperties properties = new GatewayProperties();
        assertThat(GatewayRegisterAutoConfiguration.registerOptions(properties).build().allowNoSecret()).isFalse();
        properties.getSecurity().setAllowNoSecret(true);
        assertThat(GatewayRegisterAutoConfiguration.registerOptions(properties).build().allowNoSecret()).isTrue();

        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=", "gateway.security.allow-no-secret=true")
                .run(context -> assertThat(context.getBean(ClusterConnectionOptions.class).allowNoSecret()).isTrue());
    }
}
