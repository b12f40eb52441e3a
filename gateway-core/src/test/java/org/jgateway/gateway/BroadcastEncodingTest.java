package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.gateway.Gateway.sink;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ALL;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_UID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastEncodingTest {

    private final Gateway gw = new Gateway();

    @Test
    void oneEncoderEncodesOncePerBroadcast() {
        List<ClientConnection> clients = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ClientConnection client = gw.client(i);
            gw.registry.joinGroup(client, i % 2 == 0 ? "even" : "odd");
            gw.registry.bindUid(client, "u" + (i % 3));
            clients.add(client);
        }
        gw.execute(SEND_TO_ALL, 0, "", "all");
        assertThat(gw.text.calls).hasValue(1);
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"even\",\"odd\"],\"exclude\":null}", "group");
        assertThat(gw.text.calls).hasValue(2);
        gw.execute(SEND_TO_UID, 0, "[\"u0\",\"u1\",\"u2\"]", "uid");
        assertThat(gw.text.calls).hasValue(3);
        for (ClientConnection client : clients) {
            assertThat(sink(client).received()).containsExactlyInAnyOrder("all\n", "group\n", "uid\n");
        }
        assertThat(gw.handler.stats().messagesSent()).isEqualTo(150);
    }

    @Test
    void twoEncodersEncodeTwice() {
        TextEncoder other = new TextEncoder();
        for (int i = 1; i <= 10; i++) {
            ClientConnection client = gw.client(i, i % 2 == 0 ? gw.text : other);
            gw.registry.joinGroup(client, "g");
        }
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"g\"],\"exclude\":{\"3\":3}}", "m");
        assertThat(gw.text.calls).hasValue(1);
        assertThat(other.calls).hasValue(1);
        assertThat(sink(gw.registry.get(3)).received()).isEmpty();
        assertThat(sink(gw.registry.get(4)).received()).containsExactly("m\n");
    }

    @Test
    void noTargetsMeansNoEncoding() {
        gw.execute(SEND_TO_ALL, 0, "", "m");
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"g\"],\"exclude\":null}", "m");
        assertThat(gw.text.calls).hasValue(0);
    }

    @Test
    void cachedBuffersAreReleasedWhenASinkFails() {
        ClientConnection ok = gw.client(1);
        ClientConnection failing = new ClientConnection(2, new FailingSink(gw.text), 0, 0, 0, "text");
        gw.registry.add(failing);
        gw.registry.joinGroup(ok, "g");
        gw.registry.joinGroup(failing, "g");
        assertThatThrownBy(() -> gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"g\"],\"exclude\":null}", "m"))
                .isInstanceOf(IllegalStateException.class);
        // The leak detector (PARANOID) fails this class if the cached encoded buffer was not released.
    }

    /** A sink whose channel is gone: releases what it is given and throws. */
    private static final class FailingSink extends RecordingSink {

        FailingSink(ClientMessageEncoder encoder) {
            super(encoder);
        }

        @Override
        public void send(ByteBuf bytes) {
            bytes.release();
            throw new IllegalStateException("channel gone");
        }
    }

    @Test
    void broadcastReleasesItsCacheOnClose() {
        Broadcast broadcast = new Broadcast(ByteBufAllocator.DEFAULT, new byte[] {'x'}, false, null);
        ClientConnection client = gw.client(1);
        broadcast.visit(client);
        broadcast.visit(client);
        broadcast.close();
        assertThat(sink(client).received()).containsExactly("x\n", "x\n");
        assertThat(broadcast.sent()).isEqualTo(2);
        assertThat(gw.text.calls).hasValue(1);
    }
}
