package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/** The known gateway.* names: the generated metadata, plus each listener's settings under the listener map. */
class GatewayPropertyNamesTest {

    private final GatewayPropertyNames names = GatewayPropertyNames.load(getClass().getClassLoader());

    @Test
    void metadataNamesAndListenerSettingsAreKnown() {
        assertThat(names.all()).contains("gateway.machine-type", "gateway.worker.stop-timeout",
                "gateway.client.query-timeout", "gateway.listeners.NAME.port", "gateway.listeners.NAME.ssl-bundle",
                "gateway.listeners.NAME.ping-not-response-limit").doesNotContain("gateway.listeners");
        for (String name : new String[] {"gateway.machine-type", "gateway.register-address[1]", "gateway.lanip",
                "gateway.listeners.ws.websocket-frame-type", "gateway.listeners[my_ws].inner-port",
                "gateway.shutdown-message"}) {
            assertThat(names.isKnown(ConfigurationPropertyName.adapt(name, '.'))).as(name).isTrue();
        }
    }

    @Test
    void typosAndMisplacedSettingsAreUnknown() {
        for (String name : new String[] {"gateway.listners.ws.port", "gateway.listeners.ws", "gateway.listeners",
                "gateway.listeners.ws.port.extra", "gateway.worker.port", "gateway.secret.key", "gateway"}) {
            assertThat(names.isKnown(ConfigurationPropertyName.of(name))).as(name).isFalse();
        }
    }

    @Test
    void theNearestKnownNameKeepsTheListenersName() {
        assertThat(names.nearest(ConfigurationPropertyName.of("gateway.listners.ws.port")))
                .isEqualTo("gateway.listeners.ws.port");
        assertThat(names.nearest(ConfigurationPropertyName.of("gateway.secret.key"))).isEqualTo("gateway.secret-key");
        assertThat(names.nearest(ConfigurationPropertyName.of("gateway.pingintervall"))).isEqualTo("gateway.ping-interval");
        assertThat(GatewayPropertyNames.distance("kitten", "sitting")).isEqualTo(3);
    }
}
