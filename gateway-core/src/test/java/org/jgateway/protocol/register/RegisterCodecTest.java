package org.jgateway.protocol.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jgateway.protocol.ProtocolException;
import org.jgateway.protocol.register.RegisterMessage.BroadcastAddresses;
import org.jgateway.protocol.register.RegisterMessage.GatewayConnect;
import org.jgateway.protocol.register.RegisterMessage.Ping;
import org.jgateway.protocol.register.RegisterMessage.WorkerConnect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterCodecTest {

    @Test
    void encodesPhpBytes() {
        assertThat(RegisterCodec.encode(new GatewayConnect("127.0.0.1:2900", "")))
                .isEqualTo("{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"\"}");
        assertThat(RegisterCodec.encode(new WorkerConnect("")))
                .isEqualTo("{\"event\":\"worker_connect\",\"secret_key\":\"\"}");
        assertThat(RegisterCodec.encode(Ping.INSTANCE)).isEqualTo("{\"event\":\"ping\"}");
        assertThat(RegisterCodec.encode(new BroadcastAddresses(List.of("127.0.0.1:3900", "127.0.0.1:2900"))))
                .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:3900\",\"127.0.0.1:2900\"]}");
        assertThat(RegisterCodec.encode(new BroadcastAddresses(List.of())))
                .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[]}");
        assertThat(RegisterCodec.encodeLine(new WorkerConnect("k")))
                .isEqualTo("{\"event\":\"worker_connect\",\"secret_key\":\"k\"}\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPingAsksForAnAnswerOnlyWithAPeerTimeout() {
        Ping asking = new Ping(8000);
        assertThat(RegisterCodec.encode(asking)).isEqualTo("{\"event\":\"ping\",\"peer_timeout\":8000}");
        assertThat(RegisterCodec.decode(RegisterCodec.encode(asking))).isEqualTo(asking);
        assertThat(asking.asksForAnswer()).isTrue();
        assertThat(Ping.INSTANCE.asksForAnswer()).isFalse();
        // Anything but a positive number asks for nothing, as a PHP register reads every ping.
        assertThat(RegisterCodec.decode("{\"event\":\"ping\",\"peer_timeout\":0}")).isSameAs(Ping.INSTANCE);
        assertThat(RegisterCodec.decode("{\"event\":\"ping\",\"peer_timeout\":\"x\"}")).isSameAs(Ping.INSTANCE);
        assertThat(RegisterCodec.decode("{\"event\":\"ping\",\"peer_timeout\":-5}")).isSameAs(Ping.INSTANCE);
    }

    @Test
    void escapesWherePhpDoesNot() {
        String secret = "a\"b\\c/é\n";
        String line = RegisterCodec.encode(new GatewayConnect("127.0.0.1:2900", secret));
        // json_encode style: slashes and non-ASCII escaped, lower-case hex.
        assertThat(line).endsWith("\"secret_key\":\"a\\\"b\\\\c\\/\\u00e9\\n\"}");
        assertThat(RegisterCodec.decode(line)).isEqualTo(new GatewayConnect("127.0.0.1:2900", secret));
        assertThat(RegisterCodec.decode(RegisterCodec.encode(new WorkerConnect(secret))))
                .isEqualTo(new WorkerConnect(secret));
    }

    @Test
    void decodesPhpLines() {
        assertThat(RegisterCodec.decode("{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"\"}"))
                .isEqualTo(new GatewayConnect("127.0.0.1:2900", ""));
        assertThat(RegisterCodec.decode("{\"event\":\"worker_connect\",\"secret_key\":\"s\"}"))
                .isEqualTo(new WorkerConnect("s"));
        assertThat(RegisterCodec.decode("{\"event\":\"ping\"}")).isSameAs(Ping.INSTANCE);
        assertThat(RegisterCodec.decode("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:3900\",\"127.0.0.1:2900\"]}"))
                .isEqualTo(new BroadcastAddresses(List.of("127.0.0.1:3900", "127.0.0.1:2900")));
    }

    @Test
    void acceptsAddressesAsPhpObjectInOrder() {
        assertThat(RegisterCodec.decode("{\"event\":\"broadcast_addresses\",\"addresses\":{\"0\":\"b:1\",\"2\":\"a:2\",\"1\":\"c:3\"}}"))
                .isEqualTo(new BroadcastAddresses(List.of("b:1", "a:2", "c:3")));
        assertThat(RegisterCodec.decode("{\"event\":\"broadcast_addresses\",\"addresses\":{}}"))
                .isEqualTo(new BroadcastAddresses(List.of()));
    }

    @Test
    void missingOrNullSecretIsEmptyAsInPhp() {
        assertThat(RegisterCodec.decode("{\"event\":\"worker_connect\"}")).isEqualTo(new WorkerConnect(""));
        assertThat(RegisterCodec.decode("{\"event\":\"gateway_connect\",\"address\":\"h:1\",\"secret_key\":null}"))
                .isEqualTo(new GatewayConnect("h:1", ""));
    }

    @Test
    void secretStaysOutOfToString() {
        assertThat(new GatewayConnect("h:1", "topsecret").toString()).doesNotContain("topsecret");
        assertThat(new WorkerConnect("topsecret").toString()).doesNotContain("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "",
            "   ",
            "{",
            "{\"event\":\"ping\"} trailing",
            "[]",
            "[{\"event\":\"ping\"}]",
            "\"ping\"",
            "42",
            "null",
            "{}",
            "{\"event\":null}",
            "{\"event\":1}",
            "{\"event\":\"\"}",
            "{\"event\":\"nope\"}",
            "{\"event\":\"gateway_connect\",\"secret_key\":\"\"}",
            "{\"event\":\"gateway_connect\",\"address\":5,\"secret_key\":\"\"}",
            "{\"event\":\"gateway_connect\",\"address\":\"h:1\",\"secret_key\":5}",
            "{\"event\":\"worker_connect\",\"secret_key\":[]}",
            "{\"event\":\"broadcast_addresses\"}",
            "{\"event\":\"broadcast_addresses\",\"addresses\":\"h:1\"}",
            "{\"event\":\"broadcast_addresses\",\"addresses\":[1]}",
            "{\"event\":\"broadcast_addresses\",\"addresses\":{\"0\":null}}",
    })
    void rejectsMalformedLines(String line) {
        assertThatThrownBy(() -> RegisterCodec.decode(line))
                .isInstanceOf(RegisterProtocolException.class)
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(line.length() > 20 ? line.substring(0, 20) : line);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] line = {'{', '"', 'e', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertThatThrownBy(() -> RegisterCodec.decode(line)).isInstanceOf(RegisterProtocolException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void secretOfAMalformedLineStaysOutOfTheMessage() {
        String line = "{\"event\":\"worker_connect\",\"secret_key\":\"s3cr\\\"et\",\"x\":}";
        assertThatThrownBy(() -> RegisterCodec.decode(line)).isInstanceOf(RegisterProtocolException.class)
                .hasMessageContaining("\"secret_key\":\"***")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr").doesNotContain("et\\\""));
    }

    @Test
    void longGarbageIsExcerptedInTheMessage() {
        String line = "x".repeat(10_000);
        assertThatThrownBy(() -> RegisterCodec.decode(line)).isInstanceOf(RegisterProtocolException.class)
                .hasMessageContaining("(10000 bytes)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void pipelineSplitsLinesAndDecodes() {
        EmbeddedChannel channel = newChannel(1024);
        // Two lines and a half in one read, the rest later; \r\n as sent by telnet-style clients.
        channel.writeInbound(ascii("{\"event\":\"ping\"}\n{\"event\":\"worker_connect\",\"secret_key\":\"\"}\r\n{\"event\""));
        assertThat(channel.<RegisterMessage>readInbound()).isEqualTo(Ping.INSTANCE);
        assertThat(channel.<RegisterMessage>readInbound()).isEqualTo(new WorkerConnect(""));
        assertThat(channel.<RegisterMessage>readInbound()).isNull();
        channel.writeInbound(ascii(":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"\"}\n"));
        assertThat(channel.<RegisterMessage>readInbound()).isEqualTo(new GatewayConnect("127.0.0.1:2900", ""));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pipelineEncodesOneLinePerMessage() {
        EmbeddedChannel channel = newChannel(1024);
        channel.writeOutbound(new BroadcastAddresses(List.of("127.0.0.1:2900")));
        ByteBuf out = channel.readOutbound();
        try {
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2900\"]}\n");
        } finally {
            out.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pipelineReportsBadLines() {
        EmbeddedChannel channel = newChannel(1024);
        assertThatThrownBy(() -> channel.writeInbound(ascii("hello\n")))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(RegisterProtocolException.class);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pipelineRejectsOverlongLine() {
        EmbeddedChannel channel = newChannel(64);
        assertThatThrownBy(() -> channel.writeInbound(ascii("{\"event\":\"ping\"" + " ".repeat(100) + "}\n")))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void defaultMaximumIs64KiB() {
        assertThat(RegisterCodec.DEFAULT_MAX_LINE_LENGTH).isEqualTo(65536);
        EmbeddedChannel channel = newChannel(RegisterCodec.DEFAULT_MAX_LINE_LENGTH);
        assertThatThrownBy(() -> channel.writeInbound(ascii("x".repeat(70_000))))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.finish()).isFalse();
    }

    private static EmbeddedChannel newChannel(int maxLineLength) {
        return new EmbeddedChannel(RegisterCodec.newLineDecoder(maxLineLength), new RegisterMessageDecoder(),
                new RegisterMessageEncoder());
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
