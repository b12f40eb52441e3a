package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.protocol.php.PhpGoldenTraceTest.map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhpSerializerTest {

    @Test
    void scalars() {
        assertSerializes(null, "N;");
        assertSerializes(true, "b:1;");
        assertSerializes(false, "b:0;");
        assertSerializes(-5L, "i:-5;");
        assertSerializes(7, "i:7;");
        assertSerializes((short) -3, "i:-3;");
        assertSerializes((byte) 9, "i:9;");
        assertSerializes(Long.MAX_VALUE, "i:9223372036854775807;");
        assertSerializes(Long.MIN_VALUE, "i:-9223372036854775808;");
        assertSerializes("", "s:0:\"\";");
        assertSerializes("hi \"there\";", "s:11:\"hi \"there\";\";");
        assertSerializes(new StringBuilder("sb"), "s:2:\"sb\";");
    }

    /** Expected strings are PHP 8 {@code serialize()} output (serialize_precision=-1). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1 | 0.1", "-0.1 | -0.1", "2.0 | 2", "-2.0 | -2", "0.0 | 0", "-0.0 | -0", "1.5 | 1.5",
        "0.30000000000000004 | 0.30000000000000004", "0.3333333333333333 | 0.3333333333333333",
        "123456789.12345 | 123456789.12345", "1.0E25 | 1.0E+25", "1.5E-7 | 1.5E-7", "1.0E-5 | 1.0E-5",
        "0.0001 | 0.0001", "0.00012 | 0.00012", "1.0E15 | 1000000000000000", "1.0E16 | 10000000000000000",
        "1.0E17 | 1.0E+17", "1.2345678901234568E17 | 1.2345678901234568E+17",
        "3.9528480211503568E16 | 39528480211503570", "9.223372036854775807E18 | 9.223372036854776E+18",
        "1.7976931348623157E308 | 1.7976931348623157E+308", "4.9E-324 | 5.0E-324",
        "2.2250738585072014E-308 | 2.2250738585072014E-308", "1.0E100 | 1.0E+100", "1.7E-300 | 1.7E-300",
        "12345.678 | 12345.678", "9007199254740993 | 9007199254740992", "0.5 | 0.5", "100.0 | 100"})
    void doublesLikePhp(double value, String php) {
        assertSerializes(value, "d:" + php + ";");
    }

    @Test
    void doubleSpecialsAndFloats() {
        assertSerializes(Double.POSITIVE_INFINITY, "d:INF;");
        assertSerializes(Double.NEGATIVE_INFINITY, "d:-INF;");
        assertSerializes(Double.NaN, "d:NAN;");
        assertSerializes(0.1f, "d:0.1;");
        assertSerializes(Float.NEGATIVE_INFINITY, "d:-INF;");
        assertSerializes(3f, "d:3;");
    }

    @Test
    void doubleDigitsAreShortestWhereJdk17IsNot() {
        // JDK 17's Double.toString gives 2.82879384806159008E17 and 4.9E-324 here; PHP (dtoa mode 0) is shorter.
        assertSerializes(2.82879384806159E17, "d:2.82879384806159E+17;");
        assertSerializes(Double.MIN_VALUE, "d:5.0E-324;");
    }

    @Test
    void stringsCountUtf8Bytes() {
        assertSerializes("é", "s:2:\"é\";");
        assertSerializes("中文", "s:6:\"中文\";");
        assertSerializes("😀", "s:4:\"😀\";");
        assertThat(PhpSerializer.serialize("a\uD800b")).isEqualTo("s:3:\"a?b\";".getBytes(StandardCharsets.UTF_8));
        assertThat(PhpSerializer.serialize("\uDC00")).isEqualTo("s:1:\"?\";".getBytes(StandardCharsets.UTF_8));
        assertThat(PhpSerializer.serialize("\uD83D")).isEqualTo("s:1:\"?\";".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesAreWrittenAsTheyAre() {
        byte[] value = {(byte) 0xff, 0, '"', ';'};
        byte[] expected = {'s', ':', '4', ':', '"', (byte) 0xff, 0, '"', ';', '"', ';'};
        assertThat(PhpSerializer.serialize(value)).isEqualTo(expected);
    }

    @Test
    void arraysAndKeys() {
        assertSerializes(List.of(), "a:0:{}");
        assertSerializes(new LinkedHashMap<>(), "a:0:{}");
        assertSerializes(List.of("a", 1L), "a:2:{i:0;s:1:\"a\";i:1;i:1;}");
        assertSerializes(new LinkedHashSet<>(List.of("x", "y")), "a:2:{i:0;s:1:\"x\";i:1;s:1:\"y\";}");
        assertSerializes(new ArrayDeque<>(List.of(true)), "a:1:{i:0;b:1;}");
        Iterable<String> plainIterable = () -> List.of("z").iterator();
        assertSerializes(plainIterable, "a:1:{i:0;s:1:\"z\";}");
        assertSerializes(map("1", "a", "01", "b", "-0", "c", "-7", "d", "1.0", "e", "+1", "f", " 1", "g"),
                "a:7:{i:1;s:1:\"a\";s:2:\"01\";s:1:\"b\";s:2:\"-0\";s:1:\"c\";i:-7;s:1:\"d\";"
                        + "s:3:\"1.0\";s:1:\"e\";s:2:\"+1\";s:1:\"f\";s:2:\" 1\";s:1:\"g\";}");
        assertSerializes(map("9223372036854775807", 1L, "9223372036854775808", 2L, "-9223372036854775808", 3L,
                "-9223372036854775809", 4L),
                "a:4:{i:9223372036854775807;i:1;s:19:\"9223372036854775808\";i:2;i:-9223372036854775808;i:3;"
                        + "s:20:\"-9223372036854775809\";i:4;}");
        assertSerializes(map(true, "t", false, "f", null, "n", 5, "i"),
                "a:4:{i:1;s:1:\"t\";i:0;s:1:\"f\";s:0:\"\";s:1:\"n\";i:5;s:1:\"i\";}");
    }

    @Test
    void keysThatAreOnePhpKeyMergeLikeAPhpArrayLiteral() {
        // PHP: ["1" => "a", "x" => "b", 1 => "c"] is [1 => "c", "x" => "b"].
        assertSerializes(map("1", "a", "x", "b", 1L, "c"), "a:2:{i:1;s:1:\"c\";s:1:\"x\";s:1:\"b\";}");
        assertSerializes(map(1, "a", 1L, "b"), "a:1:{i:1;s:1:\"b\";}");
        assertSerializes(map(1.0, "a", -0.0, "b", 0.0, "c"), "a:2:{i:1;s:1:\"a\";i:0;s:1:\"c\";}");
    }

    @Test
    void concurrentMapsAreSnapshotted() {
        Map<String, Object> map = new ConcurrentHashMap<>(Map.of("k", "v"));
        assertSerializes(map, "a:1:{s:1:\"k\";s:1:\"v\";}");
    }

    @Test
    void rejectsWhatPhpCannotCarry() {
        assertThatThrownBy(() -> PhpSerializer.serialize(new Object())).isInstanceOf(PhpSerializationException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> PhpSerializer.serialize(List.of(java.math.BigInteger.ONE)))
                .isInstanceOf(PhpSerializationException.class);
        assertThatThrownBy(() -> PhpSerializer.serialize(map(1.5, "x"))).isInstanceOf(PhpSerializationException.class);
        assertThatThrownBy(() -> PhpSerializer.serialize(map(new Object(), "x")))
                .isInstanceOf(PhpSerializationException.class);
    }

    @Test
    void cyclicStructuresFailCleanly() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> PhpSerializer.serialize(cycle)).isInstanceOf(PhpSerializationException.class)
                .hasMessageContaining("cyclic");
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte('x');
            assertThatThrownBy(() -> PhpSerializer.serialize(cycle, buf)).isInstanceOf(PhpSerializationException.class);
            assertThat(buf.readableBytes()).isEqualTo(1); // nothing partial left behind
        } finally {
            buf.release();
        }
    }

    @Test
    void byteBufVariantAppends() {
        ByteBuf heap = Unpooled.buffer(1);
        ByteBuf direct = Unpooled.directBuffer(1);
        try {
            Object value = map("ключ", List.of("é😀", 1.5, Long.MIN_VALUE), "n", null);
            byte[] expected = PhpSerializer.serialize(value);
            heap.writeByte('>');
            PhpSerializer.serialize(value, heap);
            PhpSerializer.serialize(value, direct);
            assertThat(heap.readByte()).isEqualTo((byte) '>');
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(heap)).isEqualTo(expected);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(direct)).isEqualTo(expected);
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void largeValuesGrowTheBuffer() {
        String big = "x".repeat(100_000);
        byte[] out = PhpSerializer.serialize(List.of(big, big));
        assertThat(out).hasSize("a:2:{i:0;s:100000:\"\";i:1;s:100000:\"\";}".length() + 200_000);
    }

    private static void assertSerializes(Object value, String php) {
        assertThat(new String(PhpSerializer.serialize(value), StandardCharsets.UTF_8)).isEqualTo(php);
    }
}
