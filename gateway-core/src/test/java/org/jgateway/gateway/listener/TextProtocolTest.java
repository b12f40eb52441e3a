package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProtocolTest {

    private static EmbeddedClient client(int maxLine) {
        return new EmbeddedClient(ListenerOptions.builder(ClientProtocol.TEXT).maxMessageSize(maxLine).build());
    }

    @Test
    void linesEndWithNewlineAndLoseTrailingCarriageReturns() throws Exception {
        try (EmbeddedClient c = client(64)) {
            c.receive("one\ntwo\r\nthree\r\r\n\n");
            assertThat(c.nextText()).isEqualTo("one");
            assertThat(c.nextText()).isEqualTo("two");
            assertThat(c.nextText()).isEqualTo("three");
            assertThat(c.nextText()).isEmpty();
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void lineSplitAcrossReads() throws Exception {
        try (EmbeddedClient c = client(64)) {
            c.receive("hel").receive("lo\r").receive("\nwor");
            assertThat(c.nextText()).isEqualTo("hello");
            c.receive("ld\n");
            assertThat(c.nextText()).isEqualTo("world");
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void lineOfExactlyTheLimitPasses() throws Exception {
        try (EmbeddedClient c = client(8)) {
            c.receive("12345678\r").receive("\n");
            assertThat(c.nextText()).isEqualTo("12345678");
            assertThat(c.tail.errors).isEmpty();
        }
    }

    @Test
    void overLongLineIsAnErrorAtOnceAndDecodingStops() throws Exception {
        try (EmbeddedClient c = client(8)) {
            c.receive("ok\n123456789");
            assertThat(c.nextText()).isEqualTo("ok");
            assertThat(c.tail.nextError()).isInstanceOf(TooLongFrameException.class);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void overLongTerminatedLineIsAnError() throws Exception {
        try (EmbeddedClient c = client(8)) {
            c.receive("123456789\nnext\n");
            assertThat(c.tail.nextError()).isInstanceOf(TooLongFrameException.class);
            assertThat(c.tail.messages).isEmpty();
        }
    }

    @Test
    void nothingIsDecodedAfterAnError() throws Exception {
        // The decoder alone, so that no handler closes the channel after the error.
        EmbeddedChannel ch = new EmbeddedChannel(new TextLineDecoder(4));
        try {
            assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer("toolong\n", StandardCharsets.US_ASCII)))
                    .isInstanceOf(TooLongFrameException.class);
            ch.writeInbound(Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII));
            Object decoded = ch.readInbound();
            assertThat(decoded).isNull();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
