package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code gateway.transport} picks the Netty transport of every role. */
class TransportPropertyTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class))
            .withPropertyValues("gateway.machine-type=");

    @ParameterizedTest
    @CsvSource({"nio, nio", "epoll, epoll", "io_uring, io_uring", "io-uring, io_uring", "auto, epoll"})
    void theNamedTransportRunsTheEventLoops(String value, String transport) {
        runner.withPropertyValues("gateway.transport=" + value).run(context -> assertThat(
                context.getBean(EventLoopResources.class).transport().name()).isEqualTo(transport));
    }

    @Test
    void anUnknownTransportFailsTheStartupNamingTheProperty() {
        runner.withPropertyValues("gateway.transport=kqueue").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("kqueue");
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Failed to bind properties under 'gateway.transport'");
        });
    }
}
