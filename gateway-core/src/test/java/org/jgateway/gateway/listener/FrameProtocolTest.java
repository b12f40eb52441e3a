package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameProtocolTest {

    private static EmbeddedClient client(int maxPayload) {
        return new EmbeddedClient(ListenerOptions.builder(ClientProtocol.FRAME).maxMessageSize(maxPayload).build());
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void framesInOneRead() throws Exception {
        try (EmbeddedClient c = client(64)) {
            c.receive(hex("00000007616263" + "00000004" + "000000056b"));
            assertThat(c.nextText()).isEqualTo("abc");
            assertThat(c.nextText()).isEmpty();
            assertThat(c.nextText()).isEqualTo("k");
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void frameSplitAcrossReads() throws Exception {
        try (EmbeddedClient c = client(64)) {
            c.receive(hex("0000")).receive(hex("00")).receive(hex("0861")).receive(hex("62"));
            assertThat(c.tail.messages).isEmpty();
            c.receive(hex("6364"));
            assertThat(c.nextText()).isEqualTo("abcd");
        }
    }

    @Test
    void payloadOfExactlyTheLimitPasses() throws Exception {
        try (EmbeddedClient c = client(2)) {
            c.receive(hex("000000066869"));
            assertThat(c.nextText()).isEqualTo("hi");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "00000000, CorruptedFrameException",
        "00000003, CorruptedFrameException",
        "80000000, CorruptedFrameException",
        "ffffffff, CorruptedFrameException",
        "7fffffff, TooLongFrameException",
        "00000007, TooLongFrameException"})
    void badLengthIsAnErrorBeforeAnyPayload(String header, String error) throws Exception {
        try (EmbeddedClient c = client(2)) {
            c.receive(hex("00000005" + "61" + header));
            assertThat(c.nextText()).isEqualTo("a");
            assertThat(c.tail.nextError().getClass().getSimpleName()).isEqualTo(error);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void nothingIsDecodedAfterAnError() {
        EmbeddedChannel ch = new EmbeddedChannel(new LengthPrefixedFrameDecoder(16));
        try {
            assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("00000001"))))
                    .isInstanceOf(CorruptedFrameException.class);
            ch.writeInbound(Unpooled.wrappedBuffer(hex("0000000561")));
            Object decoded = ch.readInbound();
            assertThat(decoded).isNull();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
