package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.jgateway.client.GatewayClient;
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
import org.junit.jupiter.api.Test;

/** The README's plain-Java example, on ephemeral ports: it must keep compiling and working. */
class PlainJavaExampleTest {

    @Test
    void readmeExample() {
        try (EventLoopResources loops = EventLoopResources.create(0, "jgateway");
             RegisterServer register = new RegisterServer(RegisterOptions.builder().port(0).build(), loops.borrowed())) {
            register.start();
            ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
                    .registerAddresses("127.0.0.1:" + register.port()).build();
            InJvmGateways inJvmGateways = new InJvmGateways();
            try (GatewayServer gateway = new GatewayServer(GatewayOptions.builder()
                         .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                         .startPort(0).cluster(cluster).build(), loops.borrowed(), inJvmGateways);
                 BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("Chat").cluster(cluster).build(),
                         (ctx, message) -> ctx.api().sendToAll(message), loops.borrowed(), inJvmGateways)) {
                gateway.start();
                worker.start();
                await().until(() -> gateway.listener("text").workers().size() == 1);
                try (TextClient alice = new TextClient("127.0.0.1", gateway.listener("text").port());
                     TextClient bob = new TextClient("127.0.0.1", gateway.listener("text").port());
                     GatewayClient client = GatewayClient.builder().cluster(cluster).build()) {
                    await().until(() -> client.getAllClientIdCount() == 2);
                    alice.send("hi all");
                    assertThat(alice.read()).isEqualTo("hi all");
                    assertThat(bob.read()).isEqualTo("hi all");
                    client.sendToAll("hello everybody");
                    assertThat(alice.read()).isEqualTo("hello everybody");
                    assertThat(bob.read()).isEqualTo("hello everybody");
                }
            }
        }
    }
}
