package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.context.LazyGatewayClient;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/** {@code gateway.machine-type=all}: register, gateway and worker in one application serving real clients. */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "gateway.register.port=0", "gateway.start-port=0", "gateway.listeners.text.protocol=text",
        "gateway.listeners.text.port=0" })
@DirtiesContext
class AllInOneApplicationTest {

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    @Value("${local.gateway.register.port}")
    int registerPort;

    @Autowired
    GatewayTemplate gateway;

    @Autowired
    GatewayServer gatewayServer;

    @Test
    void aTextClientIsEchoedByTheWorkerOfTheSameApplication() {
        try (TextClient client = new TextClient("127.0.0.1", textPort)) {
            assertThat(client.send("hello").read()).isEqualTo("echo:hello");
            assertThat(client.send("again").read()).isEqualTo("echo:again");
        }
    }

    @Test
    void theTemplatePushesThroughTheWorkerOutsideCallbacks() {
        try (TextClient client = new TextClient("127.0.0.1", textPort)) {
            assertThat(client.send("ready").read()).isEqualTo("echo:ready");
            gateway.sendToAll("to everybody");
            assertThat(client.read()).isEqualTo("to everybody");
        }
    }

    @Test
    void aPureClientApplicationPushesToTheClientsOfTheCluster() {
        try (TextClient client = new TextClient("127.0.0.1", textPort);
                ConfigurableApplicationContext pusher = EchoApplication.start("gateway.machine-type=",
                        "gateway.register-address=127.0.0.1:" + registerPort)) {
            assertThat(client.send("ready").read()).isEqualTo("echo:ready");
            GatewayTemplate template = pusher.getBean(GatewayTemplate.class);
            assertThat(pusher.getBean(LazyGatewayClient.class).isCreated()).isFalse();
            await().until(() -> gatewayServer.listener("text").clients() == 1);
            assertThat(template.getAllClientIdCount()).isEqualTo(1);
            template.sendToAll("pushed from a web app");
            assertThat(client.read()).isEqualTo("pushed from a web app");
        }
    }
}
