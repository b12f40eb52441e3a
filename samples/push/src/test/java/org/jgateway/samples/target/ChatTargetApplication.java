package org.jgateway.samples.target;

import org.jgateway.spring.annotation.ClientId;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.OnConnect;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cluster the push application pushes to in its tests: register, gateway and worker in one process, one text
 * listener, and a worker that tells each client its client_id on connect ({@code welcome <client_id>}). In a package
 * of its own, so that neither application scans the other's beans.
 */
@SpringBootApplication
public class ChatTargetApplication {

    /** Starts the cluster on ephemeral ports (published as {@code local.gateway.*}), without a web server. */
    public static ConfigurableApplicationContext start() {
        // Command-line arguments: the push application's application.yml is on the classpath too, and runs no role.
        return new SpringApplicationBuilder(ChatTargetApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run("--gateway.machine-type=all", "--gateway.register-address=", "--gateway.register.port=0",
                        "--gateway.start-port=0", "--gateway.listeners.text.protocol=text",
                        "--gateway.listeners.text.port=0");
    }

    @GatewayEventHandler
    public static class Welcome {

        @OnConnect
        public String welcome(@ClientId String clientId) {
            return "welcome " + clientId;
        }
    }
}
