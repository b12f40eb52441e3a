package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A real SpringApplication run: unknown gateway.* keys are reported with the nearest valid key and their origin. */
@ExtendWith(OutputCaptureExtension.class)
class UnknownGatewayPropertyReporterTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void eachUnknownKeyIsReportedOnceWithTheNearestValidKeyAndWhereItWasSet(CapturedOutput output) {
        StandardEnvironment environment = new StandardEnvironment();
        // Environment variables are not checked: GATEWAY_SECRET_KEY is read through a placeholder.
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment",
                Map.of("GATEWAY_SECRET_KEY", "s3cret", "GATEWAY_LISTNERS_WS_PORT", "1")));
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        try (ConfigurableApplicationContext context = application.run(
                "--spring.config.location=classpath:/unknown-properties/application.yml",
                "--gateway.worker.nmae=Chat", "--gateway.listeners[ws].host=127.0.0.1")) {
            assertThat(context.isRunning()).isTrue();
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("Unknown JGateway property"))).hasSize(3);
        assertThat(output).containsPattern("WARN .*Unknown JGateway property 'gateway.listners.ws.port' "
                + "\\(class path resource \\[unknown-properties/application.yml] - 9:13\\) is ignored: "
                + "did you mean 'gateway.listeners.ws.port'\\?");
        assertThat(output).contains("Unknown JGateway property 'gateway.listeners.ws.protocl' (class path resource "
                + "[unknown-properties/application.yml]");
        assertThat(output).contains("did you mean 'gateway.listeners.ws.protocol'?");
        assertThat(output).contains("Unknown JGateway property 'gateway.worker.nmae' (\"gateway.worker.nmae\" from "
                + "property source \"commandLineArgs\") is ignored: did you mean 'gateway.worker.name'?");
    }

    @Test
    void validKeysInEveryBoundFormAreNotReported(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--gateway.machine-type=",
                "--gateway.register-address[0]=127.0.0.1:1236", "--gateway.lanIp=127.0.0.1",
                "--gateway.worker.run_on_event_loop=false", "--gateway.listeners.text.port=0",
                "--gateway.listeners[text].protocol=text", "--gateway.client.connect-timeout=1s")) {
            assertThat(context.isRunning()).isTrue();
        }
        assertThat(output).doesNotContain("Unknown JGateway property");
    }
}
