package org.jgateway.hardening;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jgateway.gateway.listener.ClientPipeline;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.ProtocolException;
import org.jgateway.protocol.register.RegisterCodec;
import org.jgateway.protocol.register.RegisterMessageDecoder;
import org.jgateway.protocol.register.RegisterProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * Random byte streams and mutated valid frames into every decoder a peer can reach, each on an
 * {@link EmbeddedChannel} in random chunks: decoding either yields messages or fails with a
 * {@link DecoderException} (of the expected kinds) and stops; it never throws anything else, never hangs (the
 * timeout) and never leaks (the PARANOID leak detector, checked after the class).
 */
@Timeout(60)
class DecoderFuzzTest {

    private static final int EXAMPLES = 300;

    /** A seed and a size: QuickTheories picks them, the bytes follow from them (fast, and reproducible). */
    record Input(long seed, int size) {
        byte[] bytes() {
            byte[] bytes = new byte[size];
            new Random(seed).nextBytes(bytes);
            return bytes;
        }
    }

    private static Gen<Input> inputs(int maxSize) {
        return longs().all().zip(integers().between(0, maxSize), Input::new);
    }

    @Test
    void innerPortDecoderOnRandomBytes() {
        qt().withExamples(EXAMPLES).forAll(inputs(2000)).checkAssert(input ->
                feed(new GatewayFrameDecoder(64 * 1024), input.bytes(), input.seed(), DecoderFuzzTest::innerFailure));
    }

    @Test
    void innerPortDecoderOnMutatedValidFrames() {
        qt().withExamples(EXAMPLES).forAll(inputs(300)).checkAssert(input -> {
            Random random = new Random(input.seed());
            byte[] stream = mutate(validInnerFrames(random, input.size()), random);
            feed(new GatewayFrameDecoder(64 * 1024), stream, input.seed(), DecoderFuzzTest::innerFailure);
        });
    }

    @Test
    void registerLineDecoderOnRandomLines() {
        qt().withExamples(EXAMPLES).forAll(inputs(3000)).checkAssert(input -> {
            byte[] bytes = input.bytes();
            Random random = new Random(input.seed());
            // Newlines often enough that most lines are complete and reach the JSON decoder.
            for (int i = 0; i < bytes.length; i += 1 + random.nextInt(80)) {
                bytes[i] = '\n';
            }
            feed(registerPipeline(), bytes, input.seed(), DecoderFuzzTest::registerFailure);
        });
    }

    @Test
    void registerLineDecoderOnMutatedValidLines() {
        byte[] valid = ("{\"event\":\"gateway_connect\", \"address\":\"127.0.0.1:2900\", \"secret_key\":\"\"}\n"
                + "{\"event\":\"worker_connect\",\"secret_key\":\"s\"}\n{\"event\":\"ping\"}\n"
                + "{\"event\":\"broadcast_addresses\",\"addresses\":[\"127.0.0.1:2900\"]}\n").getBytes(US_ASCII);
        qt().withExamples(EXAMPLES).forAll(inputs(0)).checkAssert(input ->
                feed(registerPipeline(), mutate(valid, new Random(input.seed())), input.seed(),
                        DecoderFuzzTest::registerFailure));
    }

    @Test
    void textListenerOnRandomBytes() {
        ListenerOptions text = ListenerOptions.builder(ClientProtocol.TEXT).maxMessageSize(256).build();
        qt().withExamples(EXAMPLES).forAll(inputs(2000)).checkAssert(input ->
                feed(clientPipeline(text), input.bytes(), input.seed(), DecoderFuzzTest::clientFailure));
    }

    @Test
    void frameListenerOnRandomAndMutatedFrames() {
        ListenerOptions frame = ListenerOptions.builder(ClientProtocol.FRAME).maxMessageSize(256).build();
        qt().withExamples(EXAMPLES).forAll(inputs(2000)).checkAssert(input -> {
            Random random = new Random(input.seed());
            byte[] stream = random.nextBoolean() ? input.bytes() : mutate(validLengthPrefixed(random), random);
            feed(clientPipeline(frame), stream, input.seed(), DecoderFuzzTest::clientFailure);
        });
    }

    @Test
    void webSocketListenerOnRandomFramesAfterAHandshake() {
        ListenerOptions ws = ListenerOptions.builder(ClientProtocol.WEBSOCKET).maxMessageSize(256).build();
        byte[] handshake = ("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(US_ASCII);
        qt().withExamples(EXAMPLES).forAll(inputs(1500)).checkAssert(input -> {
            Random random = new Random(input.seed());
            byte[] frames = random.nextBoolean() ? input.bytes() : mutate(validWebSocketFrames(random), random);
            byte[] stream = new byte[handshake.length + frames.length];
            System.arraycopy(handshake, 0, stream, 0, handshake.length);
            System.arraycopy(frames, 0, stream, handshake.length, frames.length);
            feed(clientPipeline(ws), stream, input.seed(), DecoderFuzzTest::clientFailure);
        });
    }

    @Test
    void webSocketListenerOnRandomHandshakes() {
        ListenerOptions ws = ListenerOptions.builder(ClientProtocol.WEBSOCKET).build();
        byte[] valid = ("GET /chat?x=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Origin: http://o\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(US_ASCII);
        qt().withExamples(EXAMPLES).forAll(inputs(0)).checkAssert(input ->
                feed(clientPipeline(ws), mutate(valid, new Random(input.seed())), input.seed(),
                        DecoderFuzzTest::clientFailure));
    }

    // ---- running one input ---------------------------------------------------------------------------------------

    /**
     * Writes {@code stream} to a channel with {@code decoder} in random chunks, then closes it; every exception that
     * reaches the end of the pipeline must satisfy {@code expected}.
     */
    private static void feed(ChannelHandler decoder, byte[] stream, long seed, Consumer<Throwable> expected) {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(decoder);
        ch.pipeline().addLast(sink);
        run(ch, sink, stream, seed, expected);
    }

    private static void run(EmbeddedChannel ch, Sink sink, byte[] stream, long seed, Consumer<Throwable> expected) {
        Random random = new Random(seed);
        int at = 0;
        while (at < stream.length && ch.isOpen()) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(64));
            ch.writeInbound(Unpooled.copiedBuffer(stream, at, n));
            ch.runPendingTasks();
            at += n;
        }
        ch.finishAndReleaseAll();
        for (Throwable error : sink.errors) {
            expected.accept(error);
        }
    }

    private static ChannelHandler registerPipeline() {
        return new ChannelInitializerOf(ch -> {
            ch.pipeline().addLast(RegisterCodec.newLineDecoder(256));
            ch.pipeline().addLast(new RegisterMessageDecoder());
        });
    }

    /** A client listener's pipeline; its tail is the sink {@link #feed} adds after it, so it gets a pass-through. */
    private static ChannelHandler clientPipeline(ListenerOptions options) {
        return new ChannelInitializerOf(ch -> ClientPipeline.initialize(ch, options, new PassThrough()));
    }

    private static void innerFailure(Throwable error) {
        assertThat(error).isInstanceOf(DecoderException.class);
        assertThat(error.getCause()).isInstanceOf(ProtocolException.class);
    }

    private static void registerFailure(Throwable error) {
        assertThat(error).isInstanceOf(DecoderException.class);
        if (error.getCause() != null) {
            assertThat(error.getCause()).isInstanceOf(RegisterProtocolException.class);
        }
    }

    private static void clientFailure(Throwable error) {
        // Framing errors, WebSocket protocol violations (CorruptedWebSocketFrameException, TooLongFrameException) and
        // malformed HTTP all are DecoderExceptions; a connection closing inside a fragmented WebSocket message gets
        // the aggregator's PrematureChannelClosureException. Anything else would be a bug.
        assertThat(error).isInstanceOfAny(DecoderException.class, PrematureChannelClosureException.class);
    }

    // ---- valid inputs to mutate ----------------------------------------------------------------------------------

    private static byte[] validInnerFrames(Random random, int bodySize) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                byte[] ext = new byte[random.nextInt(40)];
                byte[] body = new byte[random.nextInt(bodySize + 1)];
                random.nextBytes(ext);
                random.nextBytes(body);
                GatewayFrameCodec.encode(new GatewayFrame(random.nextInt(256), random.nextInt(), random.nextInt(65536),
                        random.nextInt(), random.nextInt(65536), random.nextInt(), random.nextInt(4),
                        random.nextInt(65536), ext, body), out);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] validLengthPrefixed(Random random) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                byte[] payload = new byte[random.nextInt(300)];
                random.nextBytes(payload);
                out.writeInt(payload.length + 4).writeBytes(payload);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] validWebSocketFrames(Random random) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                byte[] payload = new byte[random.nextInt(200)];
                for (int j = 0; j < payload.length; j++) {
                    payload[j] = (byte) ('a' + random.nextInt(26));
                }
                int opcode = new int[] {0x1, 0x2, 0x9, 0xA}[random.nextInt(4)];
                out.writeByte(0x80 | opcode);
                if (payload.length < 126) {
                    out.writeByte(0x80 | payload.length);
                } else {
                    out.writeByte(0x80 | 126).writeShort(payload.length);
                }
                byte[] mask = new byte[4];
                random.nextBytes(mask);
                out.writeBytes(mask);
                for (int j = 0; j < payload.length; j++) {
                    out.writeByte(payload[j] ^ mask[j % 4]);
                }
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** One to four random edits: a byte changed, a byte inserted, a byte dropped, or the tail cut off. */
    private static byte[] mutate(byte[] valid, Random random) {
        List<Byte> bytes = new ArrayList<>(valid.length + 4);
        for (byte b : valid) {
            bytes.add(b);
        }
        for (int edits = 1 + random.nextInt(4); edits > 0 && !bytes.isEmpty(); edits--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(4)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, (byte) random.nextInt(256));
                case 2 -> bytes.remove(at);
                default -> bytes.subList(at, bytes.size()).clear();
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    // ---- handlers ------------------------------------------------------------------------------------------------

    /** The end of the pipeline: releases every message, records every exception and, as the gateway does, closes. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            ctx.close();
        }
    }

    /** Stands in for the gateway as the client pipeline's tail and passes everything on to the sink. */
    private static final class PassThrough extends ChannelInboundHandlerAdapter {
    }

    /** Adds handlers when added, so one decoder argument can stand for a whole pipeline. */
    private static final class ChannelInitializerOf extends io.netty.channel.ChannelInitializer<io.netty.channel.Channel> {
        private final Consumer<io.netty.channel.Channel> init;

        ChannelInitializerOf(Consumer<io.netty.channel.Channel> init) {
            this.init = init;
        }

        @Override
        protected void initChannel(io.netty.channel.Channel ch) {
            init.accept(ch);
        }
    }
}
