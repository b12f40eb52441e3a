package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker attaches in memory only to the gateways registered in the {@link InJvmGateways} it was given: the object
 * is passed explicitly, so two clusters in one JVM (or two application contexts) stay apart.
 */
class InJvmAttachmentTest {

    private EventLoopResources loops;
    private RegisterServer register;

    @BeforeEach
    void startRegister() {
        loops = EventLoopResources.create(1, "in-jvm-test");
        register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(), loops.borrowed());
        register.start();
    }

    @AfterEach
    void close() {
        register.close();
        loops.close();
    }

    @Test
    void aWorkerGivenTheGatewaysObjectAttachesInMemory() {
        InJvmGateways inJvmGateways = new InJvmGateways();
        try (GatewayServer gateway = gateway(inJvmGateways);
             BusinessWorker worker = worker(inJvmGateways)) {
            String address = gateway.addresses().get(0);
            assertThat(inJvmGateways.isPresent(address)).isTrue();
            awaitConnected(gateway, worker);
            assertThat(worker.connection(address)).isInstanceOf(InJvmGatewayConnection.class);
        }
    }

    @Test
    void aWorkerWithAnotherObjectConnectsOverTcp() {
        try (GatewayServer gateway = gateway(new InJvmGateways());
             BusinessWorker worker = worker(new InJvmGateways())) {
            awaitConnected(gateway, worker);
            assertThat(worker.connection(gateway.addresses().get(0))).isInstanceOf(TcpGatewayConnection.class);
        }
    }

    @Test
    void aGatewayLeavesTheObjectWhenItStops() {
        InJvmGateways inJvmGateways = new InJvmGateways();
        GatewayServer gateway = gateway(inJvmGateways);
        String address = gateway.addresses().get(0);
        gateway.close();
        assertThat(inJvmGateways.isPresent(address)).isFalse();
        assertThat(inJvmGateways.attach(address, "", null)).isNull();
    }

    private GatewayServer gateway(InJvmGateways inJvmGateways) {
        GatewayServer gateway = new GatewayServer(GatewayOptions.builder().lanIp("127.0.0.1").startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                .cluster(cluster()).build(), loops.borrowed(), inJvmGateways);
        gateway.start();
        return gateway;
    }

    private ClusterConnectionOptions cluster() {
        return ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + register.port())
                .reconnectDelay(Duration.ofMillis(100)).build();
    }

    private BusinessWorker worker(InJvmGateways inJvmGateways) {
        BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("W")
                .cluster(cluster()).stopTimeout(Duration.ofSeconds(2)).build(),
                (context, message) -> { }, loops.borrowed(), inJvmGateways);
        worker.start();
        return worker;
    }

    private static void awaitConnected(GatewayServer gateway, BusinessWorker worker) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.listener("text").workers().size() == 1
                && worker.connectedGateways().size() == 1);
    }
}
