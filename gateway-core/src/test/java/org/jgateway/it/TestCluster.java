package org.jgateway.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
import org.jgateway.worker.WorkerOptions;

/**
 * A register, gateways and workers in this JVM on 127.0.0.1 ephemeral ports, each gateway with a WebSocket listener
 * ("ws") and a text listener ("text").
 */
final class TestCluster implements AutoCloseable {

    final EventLoopResources loops;
    final RegisterServer register;
    /** Shared by every gateway and worker of the cluster, as the starter shares one per process. */
    final InJvmGateways inJvmGateways = new InJvmGateways();
    final List<GatewayServer> gateways = new ArrayList<>();
    final List<BusinessWorker> workers = new ArrayList<>();
    final List<RecordingEvents> recordings = new ArrayList<>();
    private final String secret;
    private final boolean inJvm;

    TestCluster(String secret) {
        this(secret, true);
    }

    /** @param inJvm whether workers attach in memory to gateways of this JVM (else over loopback TCP) */
    TestCluster(String secret, boolean inJvm) {
        this(secret, inJvm, 2);
    }

    /** @param eventLoops threads of the event loop group every gateway, worker and the register share */
    TestCluster(String secret, boolean inJvm, int eventLoops) {
        this.loops = EventLoopResources.create(eventLoops, "it");
        this.secret = secret;
        this.inJvm = inJvm;
        register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).secretKey(secret).build(),
                loops.borrowed());
        register.start();
    }

    static TestCluster withGatewayAndWorker() {
        return withGatewayAndWorker(true);
    }

    static TestCluster withGatewayAndWorker(boolean inJvm) {
        TestCluster cluster = new TestCluster("", inJvm);
        cluster.addGateway("127.0.0.1", b -> { });
        cluster.addWorker(new RecordingEvents("worker"), b -> { });
        cluster.awaitMesh();
        return cluster;
    }

    String registerAddress() {
        return "127.0.0.1:" + register.port();
    }

    /** How the roles of this cluster reach it: its register and secret. */
    ClusterConnectionOptions connection() {
        return ClusterConnectionOptions.builder().registerAddresses(registerAddress()).secretKey(secret).build();
    }

    GatewayServer addGateway(String lanIp, Consumer<GatewayOptions.Builder> customizer) {
        GatewayOptions.Builder builder = GatewayOptions.builder()
                .name("gw-" + lanIp)
                .lanIp(lanIp)
                .startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.WEBSOCKET).name("ws").host(lanIp).port(0).build(), 0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").host(lanIp).port(0).build(), 0)
                .cluster(connection());
        customizer.accept(builder);
        GatewayServer gateway = new GatewayServer(builder.build(), loops.borrowed(), inJvmGateways);
        gateway.start();
        gateways.add(gateway);
        return gateway;
    }

    BusinessWorker addWorker(RecordingEvents events, Consumer<WorkerOptions.Builder> customizer) {
        WorkerOptions.Builder builder = WorkerOptions.builder()
                .name("W")
                .cluster(connection().mutate().reconnectDelay(Duration.ofMillis(100)).build())
                .inJvmGateways(inJvm)
                .stopTimeout(Duration.ofSeconds(5));
        customizer.accept(builder);
        BusinessWorker worker = new BusinessWorker(builder.build(), events, loops.borrowed(), inJvmGateways);
        recordings.add(events);
        worker.start();
        workers.add(worker);
        return worker;
    }

    /** Waits until every worker is connected to every listener of every gateway. */
    void awaitMesh() {
        List<String> all = new ArrayList<>();
        gateways.forEach(g -> all.addAll(g.addresses()));
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream()
                .allMatch(w -> w.connectedGateways().containsAll(all)));
        await().atMost(Duration.ofSeconds(10)).until(() -> gateways.stream()
                .allMatch(g -> g.listeners().stream().allMatch(l -> l.workers().size() == workers.size())));
    }

    GatewayServer gateway() {
        return gateways.get(0);
    }

    BusinessWorker worker() {
        return workers.get(0);
    }

    TextClient text(GatewayServer gateway) {
        return new TextClient(gateway.listener("text").host(), gateway.listener("text").port());
    }

    TextClient text() {
        return text(gateway());
    }

    WsClient ws(GatewayServer gateway, String pathAndQuery) {
        return new WsClient("ws://" + gateway.listener("ws").host() + ":" + gateway.listener("ws").port() + pathAndQuery);
    }

    @Override
    public void close() {
        for (BusinessWorker worker : workers) {
            worker.close();
        }
        for (GatewayServer gateway : gateways) {
            gateway.close();
        }
        register.close();
        loops.close();
    }
}
