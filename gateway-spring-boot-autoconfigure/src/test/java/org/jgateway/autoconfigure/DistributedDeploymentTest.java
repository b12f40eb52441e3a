package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A master application ({@code register,gateway}) and a worker application, as on two machines. */
class DistributedDeploymentTest {

    @Test
    void aWorkerApplicationServesTheClientsOfAMasterApplication() {
        try (ConfigurableApplicationContext master = EchoApplication.start("gateway.machine-type=register,gateway",
                "gateway.secret-key=s3cret")) {
            assertThat(master.getBeansOfType(BusinessWorker.class)).isEmpty();
            int registerPort = EchoApplication.port(master, "local.gateway.register.port");
            try (ConfigurableApplicationContext worker = EchoApplication.start("gateway.machine-type=worker",
                    "gateway.secret-key=s3cret", "gateway.register-address=127.0.0.1:" + registerPort)) {
                assertThat(worker.getBeansOfType(GatewayServer.class)).isEmpty();
                assertThat(worker.getBeansOfType(RegisterServer.class)).isEmpty();
                GatewayServer gateway = master.getBean(GatewayServer.class);
                await().until(() -> gateway.listener("text").workers().size() == 1);
                try (TextClient client = new TextClient("127.0.0.1", EchoApplication.port(master,
                        "local.gateway.listeners.text.port"))) {
                    assertThat(client.send("across machines").read()).isEqualTo("echo:across machines");
                }
            }
        }
    }
}
