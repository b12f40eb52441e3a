package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.MessageRatePolicy;
import org.jgateway.gateway.listener.WebSocketFrameType;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Listener properties reach {@link ListenerOptions.Builder} by name, with no mapping line per setting. */
class BuilderBindingTest {

    private static final Set<String> MAPPED_BY_HAND = Set.of("sslBundle", "innerPort");

    private static String property(String dashed) {
        return "gateway.listeners.ws." + dashed;
    }

    @Test
    void everySetPropertyReachesTheBuilderMethodOfItsName() {
        GatewayProperties.Listener listener = new GatewayProperties.Listener();
        listener.setProtocol(ClientProtocol.WEBSOCKET);
        listener.setHost("0.0.0.0");
        listener.setPort(8282);
        listener.setWebsocketPath("/chat");
        listener.setMaxMessageSize(DataSize.ofKilobytes(1));
        listener.setWebsocketFrameType(WebSocketFrameType.BINARY);
        listener.setHandshakeTimeout(Duration.ofSeconds(3));
        listener.setMaxConnectionsPerIp(7);
        listener.setMaxConnections(1000);
        listener.setMaxConnectionRatePerIp(20);
        listener.setMaxMessagesPerSecond(50);
        listener.setMessageRatePolicy(MessageRatePolicy.CLOSE);
        listener.setPingInterval(Duration.ofSeconds(9));
        listener.setPingNotResponseLimit(4);
        listener.setPingData("ping");
        ListenerOptions.Builder builder = ListenerOptions.builder(ClientProtocol.TEXT);

        BuilderBinding.bind(listener, builder, BuilderBindingTest::property, MAPPED_BY_HAND);

        ListenerOptions options = builder.build();
        assertThat(options.protocol()).isEqualTo(ClientProtocol.WEBSOCKET);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isEqualTo(8282);
        assertThat(options.webSocketPath()).as("websocket-path, case ignored").isEqualTo("/chat");
        assertThat(options.maxMessageSize()).as("a size as its bytes").isEqualTo(1024);
        assertThat(options.webSocketFrameType()).isEqualTo(WebSocketFrameType.BINARY);
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.maxConnectionsPerIp()).isEqualTo(7);
        assertThat(options.maxConnections()).isEqualTo(1000);
        assertThat(options.maxConnectionRatePerIp()).isEqualTo(20);
        assertThat(options.maxMessagesPerSecond()).isEqualTo(50);
        assertThat(options.messageRatePolicy()).isEqualTo(MessageRatePolicy.CLOSE);
        assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(9));
        assertThat(options.pingNotResponseLimit()).isEqualTo(4);
        assertThat(options.pingData()).isEqualTo("ping".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValueTheBuilderRefusesNamesItsProperty() {
        GatewayProperties.Listener listener = new GatewayProperties.Listener();
        listener.setPort(70000);

        assertThatThrownBy(() -> BuilderBinding.bind(listener, ListenerOptions.builder(ClientProtocol.TEXT),
                BuilderBindingTest::property, MAPPED_BY_HAND))
                .isInstanceOfSatisfying(InvalidGatewayPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("gateway.listeners.ws.port");
                    assertThat(e.getValue()).isEqualTo(70000);
                    assertThat(e.getReason()).contains("port must be 0..65535");
                });
    }

    @Test
    void aPropertyWithoutABuilderMethodMustBeMappedByHand() {
        GatewayProperties.Listener listener = new GatewayProperties.Listener();
        listener.setPort(0);
        listener.setInnerPort(2900);

        assertThatThrownBy(() -> BuilderBinding.bind(listener, ListenerOptions.builder(ClientProtocol.TEXT),
                BuilderBindingTest::property, Set.of("sslBundle")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("innerPort(Integer)");
    }
}
