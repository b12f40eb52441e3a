package org.jgateway.autoconfigure;

import java.nio.charset.StandardCharsets;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A JGateway application whose worker echoes every message as {@code echo:<message>}, answering through the
 * {@link GatewayTemplate} so that the current client of a worker callback is exercised too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class EchoApplication {

    @Bean
    WorkerEventHandler echo(GatewayTemplate gateway) {
        return (context, message) -> gateway.sendToCurrentClient("echo:" + new String(message, StandardCharsets.UTF_8));
    }

    /** Starts the application with ephemeral ports and one text listener named "text", plus {@code properties}. */
    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(EchoApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("gateway.register.port=0", "gateway.start-port=0", "gateway.listeners.text.protocol=text",
                        "gateway.listeners.text.port=0")
                .properties(properties)
                .run();
    }

    static int port(ConfigurableApplicationContext context, String property) {
        return context.getEnvironment().getRequiredProperty(property, Integer.class);
    }
}
