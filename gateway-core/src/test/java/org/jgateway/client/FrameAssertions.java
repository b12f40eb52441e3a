package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks on frames built by the API. */
final class FrameAssertions {

    private static final JsonMapper JSON = JsonMapper.shared();

    private FrameAssertions() {
    }

    /** A worker→gateway frame: zero header fields besides cmd, connection id and flag; ext and body as given. */
    static void assertCommand(GatewayFrame frame, int cmd, long connectionId, int flag, String ext, String body) {
        assertHeader(frame, cmd, connectionId, flag);
        assertThat(frame.extAsString()).as("ext").isEqualTo(ext);
        assertThat(new String(frame.body(), StandardCharsets.UTF_8)).as("body").isEqualTo(body);
    }

    /** As {@link #assertCommand} with ext compared as decoded JSON (PHP's spacing differs from ours). */
    static void assertJsonCommand(GatewayFrame frame, int cmd, long connectionId, int flag, String extJson, String body) {
        assertHeader(frame, cmd, connectionId, flag);
        assertThat(json(frame.ext())).as("ext %s", frame.extAsString()).isEqualTo(json(extJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(frame.body(), StandardCharsets.UTF_8)).as("body").isEqualTo(body);
    }

    static void assertHeader(GatewayFrame frame, int cmd, long connectionId, int flag) {
        assertThat(frame.cmd()).as("cmd of %s", frame).isEqualTo(cmd);
        assertThat(frame.connectionIdUnsigned()).as("connection_id").isEqualTo(connectionId);
        assertThat(frame.flag()).as("flag").isEqualTo(flag);
        assertThat(frame.localIp()).isZero();
        assertThat(frame.localPort()).isZero();
        assertThat(frame.clientIp()).isZero();
        assertThat(frame.clientPort()).isZero();
        assertThat(frame.gatewayPort()).isZero();
    }

    static JsonNode json(byte[] bytes) {
        return JSON.readTree(bytes);
    }

    /** The frame's wire bytes. */
    static byte[] bytes(GatewayFrame frame) {
        ByteBuf buf = Unpooled.buffer(frame.packLength());
        try {
            GatewayFrameCodec.encode(frame, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
