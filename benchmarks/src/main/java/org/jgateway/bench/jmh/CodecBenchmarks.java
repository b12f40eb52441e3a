package org.jgateway.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microbenchmarks of the per-message codecs on the gateway-worker path: the 28-byte-header gateway frame (encode
 * and decode of a 64-byte onMessage), PHP serialize / unserialize of a typical session and command ext, and
 * client_id format / parse. Run with {@code java -jar jgateway-benchmarks.jar jmh CodecBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmarks {

    private GatewayFrame frame;
    private ByteBuf encoded;
    private ByteBuf scratch;
    private Map<String, Object> session;
    private byte[] serializedSession;
    private String clientId;

    @Setup
    public void setUp() {
        byte[] body = "t=0000000000123456789;s=0000000001;xxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        frame = new GatewayFrame(GatewayCommand.ON_MESSAGE, 0x7F000001, 2900, 0x7F000001, 54321, 42, 0, 7272,
                new byte[0], body);
        encoded = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        GatewayFrameCodec.encode(frame, encoded);
        scratch = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        session = new LinkedHashMap<>();
        session.put("uid", "u12345");
        session.put("room", 42);
        session.put("groups", List.of("lobby", "g7"));
        session.put("admin", false);
        serializedSession = PhpSerializer.serialize(session);
        clientId = ClientId.format(0x7F000001, 2900, 123456);
    }

    @TearDown
    public void tearDown() {
        encoded.release();
        scratch.release();
    }

    @Benchmark
    public ByteBuf frameEncode() {
        scratch.clear();
        GatewayFrameCodec.encode(frame, scratch);
        return scratch;
    }

    @Benchmark
    public GatewayFrame frameDecode() {
        encoded.readerIndex(0);
        GatewayFrameCodec.frameLength(encoded, GatewayFrameCodec.DEFAULT_MAX_FRAME_LENGTH);
        return GatewayFrameCodec.decode(encoded);
    }

    @Benchmark
    public byte[] phpSerializeSession() {
        return PhpSerializer.serialize(session);
    }

    @Benchmark
    public Object phpUnserializeSession() {
        return PhpUnserializer.unserialize(serializedSession);
    }

    @Benchmark
    public String clientIdFormat() {
        return ClientId.format(0x7F000001, 2900, 123456);
    }

    @Benchmark
    public ClientId clientIdParse() {
        return ClientId.parse(clientId);
    }
}
