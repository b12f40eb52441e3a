package org.jgateway.samples.push;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that runs no GatewayWorker role ({@code gateway.machine-type} empty) and pushes to the clients
 * of a running cluster through {@link org.jgateway.spring.GatewayTemplate}: the Spring counterpart of a PHP web
 * application (a Laravel queue job, a ThinkPHP controller) calling {@code GatewayClient\Gateway::sendToUid(...)}.
 */
@SpringBootApplication
public class PushApplication {

    public static void main(String[] args) {
        SpringApplication.run(PushApplication.class, args);
    }
}
