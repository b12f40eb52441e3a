package org.jgateway.spring.test;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.jgateway.worker.WorkerOptions;

/**
 * A register, a gateway with one text listener ("text") and an echoing business worker on 127.0.0.1 ephemeral
 * ports, sharing two event loops; started in that order and closed in reverse.
 */
public final class TestCluster implements AutoCloseable {

    private final EventLoopResources loops = EventLoopResources.create(2, "test");
    private final RegisterServer register;
    private final GatewayServer gateway;
    private final BusinessWorker worker;

    private TestCluster() {
        register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(), loops.borrowed());
        register.start();
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + register.port()).reconnectDelay(Duration.ofMillis(100)).build();
        InJvmGateways inJvmGateways = new InJvmGateways();
        gateway = new GatewayServer(GatewayOptions.builder()
                .lanIp("127.0.0.1")
                .startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                .cluster(cluster)
                .build(), loops.borrowed(), inJvmGateways);
        gateway.start();
        worker = new BusinessWorker(WorkerOptions.builder()
                .cluster(cluster)
                .stopTimeout(Duration.ofSeconds(2))
                .build(), new Echo(), loops.borrowed(), inJvmGateways);
        worker.start();
    }

    /** Starts the cluster and waits until the worker is connected to the gateway. */
    public static TestCluster start() {
        TestCluster cluster = new TestCluster();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    cluster.gateway.listener("text").workers().size() == 1
                            && cluster.worker.connectedGateways().size() == 1
                            && cluster.gateway.connectedRegisters() == 1 && cluster.worker.connectedRegisters() == 1);
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public RegisterServer register() {
        return register;
    }

    public GatewayServer gateway() {
        return gateway;
    }

    public BusinessWorker worker() {
        return worker;
    }

    /** A text client of the "text" listener. */
    public TextClient connect() {
        return new TextClient("127.0.0.1", gateway.listener("text").port());
    }

    @Override
    public void close() {
        worker.close();
        gateway.close();
        register.close();
        loops.close();
    }

    /** Sends every message back to its client. */
    private static final class Echo implements WorkerEventHandler {

        @Override
        public void onMessage(EventContext context, byte[] message) {
            context.api().sendToCurrentClient(new String(message, StandardCharsets.UTF_8));
        }
    }
}
