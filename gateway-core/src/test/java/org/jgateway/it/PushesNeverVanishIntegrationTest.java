package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.client.GatewayClient;
import org.jgateway.client.GatewayException;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.Test;

/** A push no gateway can take fails with an exception and is counted; it is never accepted and lost. */
class PushesNeverVanishIntegrationTest {

    @Test
    void pushesFailOnceTheGatewaysAreGoneAfterTheyWereUp() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            cluster.addWorker(new RecordingEvents("w"), b -> { });
            cluster.awaitMesh();
            try (GatewayClient client = GatewayClient.builder().cluster(cluster.connection()).build();
                    TextClient reader = cluster.text()) {
                await().until(() -> client.getAllClientIdCount() == 1);
                client.sendToAll("while up");
                assertThat(reader.read()).isEqualTo("while up");

                gateway.close();

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThatThrownBy(() -> client.sendToAll("while down")).isInstanceOf(GatewayException.class)
                                .hasMessageContaining("sendToAll").hasMessageContaining("not sent"));
                assertThatThrownBy(() -> client.sendToGroup("g", "x")).isInstanceOf(GatewayException.class);
                assertThatThrownBy(() -> client.sendToUid("u", "x")).isInstanceOf(GatewayException.class);
                assertThatThrownBy(() -> client.async().sendToUid(List.of("u"), "x", false).get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GatewayException.class).hasMessageContaining("sendToUid");
                assertThatThrownBy(() -> client.async().sendToGroup(List.of("g"), "x", null, false)
                        .get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(GatewayException.class);
                assertThat(client.pushesFailed()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void pushesFailWhenNoGatewayWasEverKnown() throws IOException {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        try (GatewayClient client = GatewayClient.builder().cluster(ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + port).build()).build()) {
            assertThatThrownBy(() -> client.sendToAll("nowhere")).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("sendToAll").hasMessageContaining("not sent");
            assertThat(client.pushesFailed()).isEqualTo(1);
            assertThatThrownBy(() -> client.async().sendToUid(List.of("u"), "nowhere", false).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(GatewayException.class).hasMessageContaining("not sent");
            assertThat(client.pushesFailed()).isEqualTo(2);
        }
    }
}
