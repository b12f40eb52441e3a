package org.jgateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.jgateway.test.Allocations;
import org.jgateway.test.GoldenTrace;
import org.jgateway.test.GoldenTrace.DescribedFrame;
import org.jgateway.test.GoldenTrace.NamedFrame;
import org.jgateway.test.GoldenTrace.Query;
import org.junit.jupiter.api.Test;

class GatewayFrameGoldenTest {

    private final GoldenTrace trace = GoldenTrace.load();

    @Test
    void traceHasEveryKindOfFrame() {
        assertThat(trace.describedFrames()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(trace.namedFrames()).extracting(NamedFrame::name)
                .contains("WORKER_CONNECT", "SEND_TO_ONE", "SEND_TO_GROUP");
        assertThat(trace.queries()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void describedFramesDecodeToTheirDocumentedFieldsAndReencodeIdentically() {
        for (DescribedFrame expected : trace.describedFrames()) {
            GatewayFrame frame = decodeWithPipeline(expected.bytes());
            assertThat(frame.cmd()).as(expected.label()).isEqualTo(expected.cmd());
            assertThat(GatewayCommand.nameOf(frame.cmd())).isEqualTo(expected.cmdName());
            assertThat(frame.connectionIdUnsigned()).isEqualTo(expected.connectionId());
            assertThat(frame.flag()).isEqualTo(expected.flag());
            assertThat(Integer.toUnsignedLong(frame.localIp())).isEqualTo(expected.localIp());
            assertThat(frame.localPort()).isEqualTo(expected.localPort());
            assertThat(Integer.toUnsignedLong(frame.clientIp())).isEqualTo(expected.clientIp());
            assertThat(frame.clientPort()).isEqualTo(expected.clientPort());
            assertThat(frame.gatewayPort()).isEqualTo(expected.gatewayPort());
            assertThat(frame.ext()).isEqualTo(expected.ext());
            assertThat(frame.body()).isEqualTo(expected.body());
            assertThat(encodeWithPipeline(frame)).as(expected.label()).isEqualTo(expected.bytes());
        }
    }

    @Test
    void namedAndQueryFramesRoundTrip() {
        for (NamedFrame named : trace.namedFrames()) {
            GatewayFrame frame = decodeWithPipeline(named.bytes());
            assertThat(GatewayCommand.nameOf(frame.cmd())).isEqualTo(named.name());
            assertThat(encodeWithPipeline(frame)).isEqualTo(named.bytes());
        }
        for (Query query : trace.queries()) {
            GatewayFrame frame = decodeWithPipeline(query.request());
            assertThat(GatewayCommand.isQuery(frame.cmd())).as(query.label()).isTrue();
            assertThat(encodeWithPipeline(frame)).isEqualTo(query.request());
        }
    }

    @Test
    void workerConnectCarriesItsJsonBody() {
        NamedFrame named = trace.namedFrames().stream().filter(f -> f.name().equals("WORKER_CONNECT")).findFirst().orElseThrow();
        GatewayFrame frame = decodeWithPipeline(named.bytes());
        assertThat(new String(frame.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"worker_key\":\"FakeWorker:0\",\"secret_key\":\"\"}");
        assertThat(frame.bodyIsScalar()).isTrue();
        assertThat(frame).isEqualTo(GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null, frame.body()));
    }

    @Test
    void sendToGroupHasJsonExtAndBody() {
        NamedFrame named = trace.namedFrames().stream().filter(f -> f.name().equals("SEND_TO_GROUP")).findFirst().orElseThrow();
        GatewayFrame frame = decodeWithPipeline(named.bytes());
        assertThat(frame.extAsString()).isEqualTo("{\"group\":[\"room1\"],\"exclude\":null}");
        assertThat(new String(frame.body(), StandardCharsets.UTF_8)).isEqualTo("to-group");
    }

    @Test
    void framesSplitAcrossReadsAndBatchedInOneReadDecode() {
        DescribedFrame a = trace.describedFrames().get(0);
        DescribedFrame b = trace.describedFrames().get(1);
        EmbeddedChannel channel = new EmbeddedChannel(new GatewayFrameDecoder());
        byte[] both = new byte[a.bytes().length + b.bytes().length];
        System.arraycopy(a.bytes(), 0, both, 0, a.bytes().length);
        System.arraycopy(b.bytes(), 0, both, a.bytes().length, b.bytes().length);
        for (byte x : both) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
        }
        assertThat(((GatewayFrame) channel.readInbound()).cmd()).isEqualTo(a.cmd());
        assertThat(((GatewayFrame) channel.readInbound()).cmd()).isEqualTo(b.cmd());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void packLengthBelowHeaderIsRejected() {
        ByteBuf bad = Unpooled.buffer(28).writeInt(27).writeZero(24);
        EmbeddedChannel channel = new EmbeddedChannel(new GatewayFrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(bad)).isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ProtocolException.class).hasMessageContaining("smaller than the 28-byte header");
        channel.finishAndReleaseAll();
    }

    @Test
    void hugePackLengthIsRejectedWithoutAllocating() {
        // A header claiming 64 MiB (and one claiming 4 GiB) to a decoder that takes 1 KiB: rejected from the header
        // alone. The first round loads the classes involved; the second is measured.
        for (int round = 0; round < 2; round++) {
            for (int packLength : new int[] {64 << 20, 0xffffffff}) {
                ByteBuf bad = Unpooled.buffer(28).writeInt(packLength).writeZero(24);
                EmbeddedChannel channel = new EmbeddedChannel(new GatewayFrameDecoder(1024));
                long allocated = Allocations.allocatedBy(() ->
                        assertThatThrownBy(() -> channel.writeInbound(bad)).hasCauseInstanceOf(ProtocolException.class)
                                .hasMessageContaining("exceeds the maximum frame length"));
                channel.finishAndReleaseAll();
                if (round == 1) {
                    assertThat(allocated).as("bytes allocated rejecting pack_len %d", Integer.toUnsignedLong(packLength))
                            .isLessThan(256 * 1024);
                }
            }
        }
    }

    @Test
    void extLengthBeyondPackLengthIsRejected() {
        ByteBuf bad = Unpooled.buffer(32).writeInt(32).writeZero(20).writeInt(5).writeZero(4);
        EmbeddedChannel channel = new EmbeddedChannel(new GatewayFrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(bad)).hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("ext_len 5 does not fit");
        channel.finishAndReleaseAll();
    }

    static GatewayFrame decodeWithPipeline(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new GatewayFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        GatewayFrame frame = channel.readInbound();
        assertThat(frame).isNotNull();
        assertThat(channel.finish()).isFalse();
        return frame;
    }

    static byte[] encodeWithPipeline(GatewayFrame frame) {
        EmbeddedChannel channel = new EmbeddedChannel(GatewayFrameEncoder.INSTANCE);
        channel.writeOutbound(frame);
        ByteBuf buf = channel.readOutbound();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        assertThat(channel.finish()).isFalse();
        return bytes;
    }
}
