package org.jgateway.samples.reference;

import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayRole;
import org.jgateway.autoconfigure.HistoryStoreFactory;
import org.jgateway.autoconfigure.MachineType;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.MemoryHistoryStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

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

    /**
     * With the register engine, groups named {@code h:*} ({@code gateway.history.groups} in {@code application.yml})
     * keep history where this process can keep it in memory: with the gateway and the worker roles in it, as by
     * default. A process with only some roles (a split deployment) keeps none, and its {@code h:*} groups behave like
     * the others. With the redis engine, or {@code gateway.history.store=redis}, this bean is not made: the starter
     * keeps the same groups in Redis, shared by every process.
     *
     * @param machineType the roles of this process
     * @param properties  the {@code gateway.*} properties
     * @return the history the gateway and the Gateway API of this process share
     */
    @Bean
    @ConditionalOnProperty(name = "gateway.cluster.engine", havingValue = "register", matchIfMissing = true)
    @ConditionalOnProperty(name = "gateway.history.store", havingValue = "memory", matchIfMissing = true)
    HistoryStore referenceHistory(MachineType machineType, GatewayProperties properties) {
        if (!machineType.has(GatewayRole.GATEWAY) || !machineType.has(GatewayRole.WORKER)) {
            return HistoryStore.none();
        }
        return new MemoryHistoryStore(HistoryStoreFactory.options(properties.getHistory()));
    }
}
