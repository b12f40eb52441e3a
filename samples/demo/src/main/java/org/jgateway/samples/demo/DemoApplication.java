package org.jgateway.samples.demo;

import java.util.concurrent.CountDownLatch;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;

/**
 * All roles in one process with the reference app's defaults: register on 127.0.0.1:1236, WebSocket on 7272 (inner
 * port 2900), newline text on 8282 (inner port 3900), one business worker running {@link ReferenceEvents}; groups
 * named {@code h:*} keep history.
 * System properties {@code demo.host} (listen address, default 127.0.0.1) and {@code demo.ws-port},
 * {@code demo.text-port}, {@code demo.register-port} override the defaults; {@code demo.run-on-event-loop=true} runs the
 * handlers on the event loops (they never block), which costs the least CPU per message.
 */
public final class DemoApplication {

    private DemoApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = System.getProperty("demo.host", "127.0.0.1");
        int registerPort = Integer.getInteger("demo.register-port", 1236);
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + registerPort).build();
        EventLoopResources loops = EventLoopResources.create(0, "jgateway");
        RegisterServer register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(registerPort).build(),
                loops.borrowed());
        // The worker attaches to the gateway's listeners in memory instead of over loopback TCP.
        InJvmGateways inJvmGateways = new InJvmGateways();
        // Groups named h:* keep their last 100 messages for 10 minutes; the gateway and the worker share the store.
        HistoryStore history = new MemoryHistoryStore(HistoryOptions.builder().group(HistoryPolicy.of("h:*")).build());
        GatewayServer gateway = new GatewayServer(GatewayOptions.builder()
                .name("DemoGateway")
                .listener(ListenerOptions.builder(ClientProtocol.WEBSOCKET).name("websocket")
                        .host(host).port(Integer.getInteger("demo.ws-port", 7272)).build(), 2900)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text")
                        .host(host).port(Integer.getInteger("demo.text-port", 8282)).build(), 3900)
                .cluster(cluster)
                .history(history)
                .build(), loops.borrowed(), inJvmGateways);
        BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("DemoWorker")
                .cluster(cluster)
                .api(GatewayApiOptions.builder().history(history).build())
                .runOnEventLoop(Boolean.getBoolean("demo.run-on-event-loop")).build(), new ReferenceEvents(history),
                loops.borrowed(), inJvmGateways);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            gateway.close();
            register.close();
            loops.close();
            stopped.countDown();
        }, "jgateway-shutdown"));

        register.start();
        gateway.start();
        worker.start();
        System.out.printf("%nJGateway demo is up:%n  telnet 127.0.0.1 %d   (newline text)%n  ws://127.0.0.1:%d/       (WebSocket)%n"
                + "Try {\"type\":\"join\",\"group\":\"lobby\"} then {\"type\":\"say\",\"group\":\"lobby\",\"msg\":\"hi\"}.%n"
                + "Ctrl+C stops.%n%n", gateway.listener("text").port(), gateway.listener("websocket").port());
        stopped.await();
    }
}
