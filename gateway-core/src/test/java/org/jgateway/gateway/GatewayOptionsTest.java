package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.junit.jupiter.api.Test;

/** How listeners get their inner ports (nothing is bound here, so fixed numbers cannot collide). */
class GatewayOptionsTest {

    @Test
    void listenerIGetsStartPortPlusIUnlessItsInnerPortIsExplicit() {
        GatewayOptions options = GatewayOptions.builder().startPort(4100)
                .listener(listener("ws"))
                .listener(listener("text"))
                .listener(listener("pinned"), 5000)
                .listener(listener("ephemeral"), 0)
                .listener(listener("derived"), -1)
                .build();
        assertThat(options.innerPort(0)).isEqualTo(4100);
        assertThat(options.innerPort(1)).isEqualTo(4101);
        assertThat(options.innerPort(2)).isEqualTo(5000);
        assertThat(options.innerPort(3)).isZero();
        assertThat(options.innerPort(4)).isEqualTo(4104);
    }

    @Test
    void startPortZeroMakesEveryDerivedInnerPortEphemeral() {
        GatewayOptions options = GatewayOptions.builder().startPort(0)
                .listener(listener("ws")).listener(listener("text")).build();
        assertThat(options.innerPort(0)).isZero();
        assertThat(options.innerPort(1)).isZero();
    }

    private static ListenerOptions listener(String name) {
        return ListenerOptions.builder(ClientProtocol.TEXT).name(name).port(0).build();
    }
}
