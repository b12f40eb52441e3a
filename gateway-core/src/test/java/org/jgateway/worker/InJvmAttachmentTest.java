package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jgateway.worker.RegisteredCluster.awaitConnected;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker attaches in memory only to the gateways registered in the {@link InJvmGateways} it was given: the object
 * is passed explicitly, so two clusters in one JVM (or two application contexts) stay apart.
 */
class InJvmAttachmentTest {

    private final RegisteredCluster cluster = new RegisteredCluster("in-jvm-test");

    @AfterEach
    void close() {
        cluster.close();
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
        return cluster.gateway(inJvmGateways);
    }

    private BusinessWorker worker(InJvmGateways inJvmGateways) {
        return cluster.worker((context, message) -> { }, inJvmGateways, options -> options);
    }
}
