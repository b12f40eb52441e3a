package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.jgateway.client.FrameAssertions.assertCommand;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.register.ClusterConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade end to end against a fake gateway. */
class GatewayClientTest {

    /** Answers the all-clients count with 3 and stalls on anything else. */
    private final FakeGateway gateway = new FakeGateway(frame -> frame.cmd() == GatewayCommand.GET_CLIENT_COUNT_BY_GROUP
            && frame.ext().length == 0 ? "i:3;".getBytes(StandardCharsets.UTF_8) : null);

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String clientOnGateway(int connectionId) {
        int port = Integer.parseInt(gateway.address().substring(gateway.address().indexOf(':') + 1));
        return ClientId.format(Ipv4.parse("127.0.0.1"), port, connectionId);
    }

    @Test
    void sendsAuthenticatedCommandsAndQueries() {
        try (GatewayClient client = GatewayClient.builder().gatewayAddresses(gateway.address())
                .cluster(ClusterConnectionOptions.builder().secretKey("k").build())
                .api(GatewayApiOptions.builder().queryTimeout(Duration.ofSeconds(2)).build()).build()) {
            assertThat(client.sendToClient(clientOnGateway(5), "hi")).isTrue();
            assertThat(client.getAllClientIdCount()).isEqualTo(3);
            await().until(() -> gateway.received().size() == 4);
            List<GatewayFrame> commands = gateway.framesOn(0).get(1).cmd() == GatewayCommand.SEND_TO_ONE
                    ? gateway.framesOn(0) : gateway.framesOn(1);
            assertThat(commands.get(0).cmd()).isEqualTo(GatewayCommand.GATEWAY_CLIENT_CONNECT);
            assertCommand(commands.get(1), GatewayCommand.SEND_TO_ONE, 5, 1, "", "hi");
        }
    }

    @Test
    void aSilentGatewayFailsTheQueryAfterTheQueryTimeout() {
        try (GatewayClient client = GatewayClient.builder().gatewayAddresses(List.of(gateway.address()))
                .api(GatewayApiOptions.builder().queryTimeout(Duration.ofMillis(100)).build()).build()) {
            GatewayQueryException e = catchThrowableOfType(GatewayQueryException.class,
                    () -> client.getClientIdCountByGroup("room1"));
            assertThat(e.missingGateways()).containsEntry(gateway.address(), "timeout after 100 ms");
        }
    }

    @Test
    void currentClientCallsNeedAWorkerCallback() {
        try (GatewayClient client = GatewayClient.builder().addressSource(List::of).build()) {
            assertThatThrownBy(() -> client.sendToCurrentClient("x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(client::getAllClientIdCount).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("No gateway address is known");
        }
    }

    @Test
    void theBuilderNeedsAddresses() {
        assertThatThrownBy(() -> GatewayClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gatewayAddresses");
        assertThatThrownBy(() -> GatewayClient.builder().gatewayAddresses("gateway")).isInstanceOf(IllegalArgumentException.class);
    }
}
