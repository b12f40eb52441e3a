package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpProtocolTest {

    @Test
    void everyReadIsOneMessage() throws Exception {
        try (EmbeddedClient c = new EmbeddedClient(ListenerOptions.builder(ClientProtocol.TCP).build())) {
            c.receive("a\n").receive("bc").receive(new byte[] {0, (byte) 0xFF});
            assertThat(c.nextText()).isEqualTo("a\n");
            assertThat(c.nextText()).isEqualTo("bc");
            assertThat(c.tail.nextMessage()).containsExactly(0, 0xFF);
            assertThat(c.channel.pipeline().names()).startsWith(ClientPipeline.TAIL);
        }
    }
}
