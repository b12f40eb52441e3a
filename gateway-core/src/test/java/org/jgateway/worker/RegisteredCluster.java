package org.jgateway.worker;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.transport.EventLoopResources;

/** A register on a free port, and the gateways (one text listener) and workers of a test that find each other there. */
final class RegisteredCluster implements AutoCloseable {

    private final EventLoopResources loops;
    private final RegisterServer register;

    RegisteredCluster(String threadPrefix) {
        loops = EventLoopResources.create(1, threadPrefix);
        register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(), loops.borrowed());
        register.start();
    }

    GatewayServer gateway(InJvmGateways inJvmGateways) {
        GatewayServer gateway = new GatewayServer(GatewayOptions.builder().lanIp("127.0.0.1").startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                .cluster(cluster()).build(), loops.borrowed(), inJvmGateways);
        gateway.start();
        return gateway;
    }

    BusinessWorker worker(WorkerEventHandler handler, InJvmGateways inJvmGateways,
            UnaryOperator<WorkerOptions.Builder> options) {
        BusinessWorker worker = new BusinessWorker(options.apply(WorkerOptions.builder().name("W").cluster(cluster())
                .stopTimeout(Duration.ofSeconds(2))).build(), handler, loops.borrowed(), inJvmGateways);
        worker.start();
        return worker;
    }

    static void awaitConnected(GatewayServer gateway, BusinessWorker worker) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.listener("text").workers().size() == 1
                && worker.connectedGateways().size() == 1);
    }

    private ClusterConnectionOptions cluster() {
        return ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + register.port())
                .reconnectDelay(Duration.ofMillis(100)).build();
    }

    @Override
    public void close() {
        register.close();
        loops.close();
    }
}
