package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.jgateway.gateway.ClientMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientEncodersTest {

    private static byte[] encode(ClientMessageEncoder encoder, byte[] payload) {
        ByteBuf buf = encoder.encode(PooledByteBufAllocator.DEFAULT, payload);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void webSocketTextFrame() {
        assertThat(encode(WebSocketMessageEncoder.TEXT, "hi".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hex("81026869"));
        assertThat(encode(WebSocketMessageEncoder.TEXT, new byte[0])).isEqualTo(hex("8100"));
    }

    @Test
    void webSocketBinaryFrame() {
        assertThat(encode(WebSocketMessageEncoder.BINARY, "hi".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hex("82026869"));
    }

    @ParameterizedTest
    @ValueSource(ints = {125, 126, 65535, 65536})
    void webSocketLengthEncodings(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        byte[] frame = encode(WebSocketMessageEncoder.TEXT, payload);
        String header = switch (length) {
            case 125 -> "817d";
            case 126 -> "817e007e";
            case 65535 -> "817effff";
            default -> "817f0000000000010000";
        };
        assertThat(Arrays.copyOf(frame, header.length() / 2)).isEqualTo(hex(header));
        assertThat(frame).hasSize(header.length() / 2 + length);
        assertThat(Arrays.copyOfRange(frame, header.length() / 2, frame.length)).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c080", "eda080", "f4908080", "e282", "80", "f880808080"})
    void textListenerSendsInvalidUtf8AsBinary(String invalid) {
        assertThat(encode(WebSocketMessageEncoder.TEXT, hex(invalid))[0]).isEqualTo((byte) 0x82);
    }

    @ParameterizedTest
    @ValueSource(strings = {"41", "c3a9", "e4bda0", "f09f9880", "f48fbfbf", "efbfbd"})
    void textListenerSendsValidUtf8AsText(String valid) {
        assertThat(encode(WebSocketMessageEncoder.TEXT, hex(valid))[0]).isEqualTo((byte) 0x81);
    }

    @Test
    void webSocketFramesDecodeWithNettysClientDecoder() {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'y');
        client.writeInbound(WebSocketMessageEncoder.TEXT.encode(client.alloc(), big));
        client.writeInbound(WebSocketMessageEncoder.BINARY.encode(client.alloc(), new byte[] {1, 2, 3}));
        WebSocketFrame text = client.readInbound();
        WebSocketFrame binary = client.readInbound();
        try {
            assertThat(text).isInstanceOf(TextWebSocketFrame.class);
            assertThat(text.isFinalFragment()).isTrue();
            assertThat(ByteBufUtil.getBytes(text.content())).isEqualTo(big);
            assertThat(binary).isInstanceOf(BinaryWebSocketFrame.class);
            assertThat(ByteBufUtil.getBytes(binary.content())).containsExactly(1, 2, 3);
        } finally {
            text.release();
            binary.release();
            client.finishAndReleaseAll();
        }
    }

    @Test
    void textAppendsNewline() {
        assertThat(encode(TextMessageEncoder.INSTANCE, "abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("abc\n".getBytes(StandardCharsets.UTF_8));
        assertThat(encode(TextMessageEncoder.INSTANCE, new byte[0])).isEqualTo(new byte[] {'\n'});
    }

    @Test
    void frameCountsItsHeader() {
        assertThat(encode(FrameMessageEncoder.INSTANCE, "abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hex("00000007616263"));
        assertThat(encode(FrameMessageEncoder.INSTANCE, new byte[0])).isEqualTo(hex("00000004"));
    }

    @Test
    void tcpSendsBytesAsTheyAre() {
        assertThat(encode(TcpMessageEncoder.INSTANCE, hex("00ff0a0d"))).isEqualTo(hex("00ff0a0d"));
    }

    @Test
    void encoderForListenerIsTheSharedInstance() {
        ListenerOptions ws = ListenerOptions.builder(ClientProtocol.WEBSOCKET).build();
        assertThat(ClientEncoders.encoderFor(ws)).isSameAs(WebSocketMessageEncoder.TEXT);
        assertThat(ClientEncoders.encoderFor(ws.toBuilder().webSocketFrameType(WebSocketFrameType.BINARY).build()))
                .isSameAs(WebSocketMessageEncoder.BINARY);
        assertThat(ClientEncoders.encoderFor(ListenerOptions.builder(ClientProtocol.TEXT).build()))
                .isSameAs(TextMessageEncoder.INSTANCE);
        assertThat(ClientEncoders.encoderFor(ListenerOptions.builder(ClientProtocol.FRAME).build()))
                .isSameAs(FrameMessageEncoder.INSTANCE);
        assertThat(ClientEncoders.encoderFor(ListenerOptions.builder(ClientProtocol.TCP).build()))
                .isSameAs(TcpMessageEncoder.INSTANCE);
    }
}
