package org.jgateway.samples.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reference app: one business behaviour ({@link ReferenceEventHandler}) shared with a PHP GatewayWorker twin, so
 * that both can be compared message for message and benchmarked side by side.
 * <p>
 * By default one process runs every role ({@code gateway.machine-type=all}): a register on 127.0.0.1:1236, a
 * WebSocket gateway on 127.0.0.1:7272 (inner port 2900), a newline text gateway on 127.0.0.1:8282 (inner port 3900)
 * and a business worker; the actuator answers on 127.0.0.1:8080. Every address is a Spring property, see
 * {@code application.yml}.
 */
@SpringBootApplication
public class ReferenceApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot command-line arguments, e.g. {@code --gateway.machine-type=worker}
     */
    public static void main(String[] args) {
        SpringApplication.run(ReferenceApplication.class, args);
    }
}
