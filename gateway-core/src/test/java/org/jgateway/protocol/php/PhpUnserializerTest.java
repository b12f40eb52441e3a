package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jgateway.protocol.php.PhpGoldenTraceTest.map;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.jgateway.test.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhpUnserializerTest {

    @Test
    void scalars() {
        assertThat(read("N;")).isNull();
        assertThat(read("b:1;")).isEqualTo(true);
        assertThat(read("b:0;")).isEqualTo(false);
        assertThat(read("i:-5;")).isEqualTo(-5L);
        assertThat(read("i:007;")).isEqualTo(7L); // PHP accepts leading zeros
        assertThat(read("i:9223372036854775807;")).isEqualTo(Long.MAX_VALUE);
        assertThat(read("i:-9223372036854775808;")).isEqualTo(Long.MIN_VALUE);
        assertThat(read("s:0:\"\";")).isEqualTo("");
        assertThat(read("s:5:\"a\"b;c\";")).isEqualTo("a\"b;c");
        assertThat(read("s:6:\"中文\";")).isEqualTo("中文");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0.1|0.1", "2|2.0", "-0|-0.0", "1.0E+25|1.0E25", "1.5E-7|1.5E-7",
        "1e5|100000.0", "1E-5|1.0E-5", ".5|0.5", "1.|1.0", "-.25|-0.25", "00.5|0.5", "1.0E25|1.0E25",
        "4.9406564584124654E-324|4.9E-324", "1e999|Infinity", "1e-999|0.0"})
    void floatForms(String php, double expected) {
        assertThat(read("d:" + php + ";")).isEqualTo(expected);
    }

    @Test
    void floatSpecials() {
        assertThat(read("d:INF;")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(read("d:-INF;")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) read("d:NAN;")).isNaN();
        assertThat(Double.doubleToRawLongBits((Double) read("d:-0;"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void invalidUtf8StringsBecomeBytes() {
        byte[] data = {'s', ':', '2', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ';'};
        assertThat(PhpUnserializer.unserialize(data)).isEqualTo(new byte[] {(byte) 0xC3, 0x28});
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}}) {
            assertThat(PhpUnserializer.unserialize(phpString(bad))).as(Arrays.toString(bad)).isEqualTo(bad);
        }
        byte[] fourByte = "😀".getBytes(StandardCharsets.UTF_8);
        assertThat(PhpUnserializer.unserialize(phpString(fourByte))).isEqualTo("😀");
    }

    @Test
    void arraysBecomeListsOnlyWhenKeyedZeroToN() {
        assertThat(read("a:0:{}")).isInstanceOf(LinkedHashMap.class).isEqualTo(map());
        assertThat(read("a:2:{i:0;s:1:\"a\";i:1;N;}")).isInstanceOf(ArrayList.class)
                .isEqualTo(Arrays.asList("a", null));
        assertThat(read("a:2:{i:1;s:1:\"a\";i:0;s:1:\"b\";}")).isEqualTo(map(1L, "a", 0L, "b"));
        assertThat(read("a:2:{i:0;s:1:\"a\";i:2;s:1:\"b\";}")).isEqualTo(map(0L, "a", 2L, "b"));
        assertThat(read("a:1:{s:1:\"0\";b:1;}")).isEqualTo(List.of(true)); // "0" is the integer key 0 in PHP
    }

    @Test
    void numericStringKeysBecomeIntegerKeysLikePhp() {
        Object value = read("a:4:{s:1:\"5\";i:1;s:2:\"05\";i:2;s:2:\"-0\";i:3;s:20:\"-9223372036854775808\";i:4;}");
        assertThat(value).isEqualTo(map(5L, 1L, "05", 2L, "-0", 3L, Long.MIN_VALUE, 4L));
    }

    @Test
    void repeatedKeysKeepTheirPlaceAndTakeTheLastValue() {
        assertThat(read("a:3:{s:1:\"a\";i:1;s:1:\"b\";i:2;s:1:\"a\";i:3;}")).isEqualTo(map("a", 3L, "b", 2L));
        assertThat(read("a:2:{i:0;s:1:\"x\";i:0;s:1:\"y\";}")).isEqualTo(List.of("y"));
        assertThat(read("a:2:{i:1;s:1:\"x\";s:1:\"1\";s:1:\"y\";}")).isEqualTo(map(1L, "y"));
    }

    @Test
    void depthLimit() {
        String two = "a:1:{i:0;a:1:{i:0;N;}}";
        assertThat(PhpUnserializer.unserialize(bytes(two), 2)).isEqualTo(List.of(Arrays.asList((Object) null)));
        assertThatThrownBy(() -> PhpUnserializer.unserialize(bytes(two), 1))
                .isInstanceOf(PhpSerializationException.class).hasMessageContaining("deeper than 1")
                .hasMessageContaining("byte 9");
        assertThat(PhpUnserializer.unserialize(bytes("i:1;"), 0)).isEqualTo(1L);
        assertThatThrownBy(() -> PhpUnserializer.unserialize(bytes("a:0:{}"), 0))
                .isInstanceOf(PhpSerializationException.class);
        assertThatThrownBy(() -> PhpUnserializer.unserialize(bytes("N;"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        String sixtyFour = "a:1:{i:0;".repeat(63) + "a:0:{}" + "}".repeat(63);
        assertThat(read(sixtyFour)).isInstanceOf(List.class);
        assertThatThrownBy(() -> read("a:1:{i:0;" + sixtyFour + "}")).isInstanceOf(PhpSerializationException.class)
                .hasMessageContaining("deeper than 64");
    }

    @Test
    void deepNestingNeedsNoStackWhenAllowed() {
        int depth = 100_000;
        String deep = "a:1:{i:0;".repeat(depth - 1) + "a:0:{}" + "}".repeat(depth - 1);
        Object value = PhpUnserializer.unserialize(bytes(deep), depth);
        int levels = 1;
        while (value instanceof List) {
            value = ((List<?>) value).get(0);
            levels++;
        }
        assertThat(levels).isEqualTo(depth);
    }

    @Test
    void sliceOfALargerArray() {
        byte[] frame = bytes("xxi:42;yy");
        assertThat(PhpUnserializer.unserialize(frame, 2, 5, 1)).isEqualTo(42L);
        assertThatThrownBy(() -> PhpUnserializer.unserialize(frame, 2, 6, 1)).hasMessageContaining("byte 5");
        assertThatThrownBy(() -> PhpUnserializer.unserialize(frame, 8, 5, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Each malformed input, with a fragment its message must contain (what and where). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "O:8:\"stdClass\":0:{}                 | byte 0: objects are not allowed",
        "C:3:\"Foo\":0:{}                      | byte 0: objects are not allowed",
        "E:7:\"Foo:Bar\";                      | byte 0: enums are not allowed",
        "a:2:{i:0;i:1;i:1;r:1;}                | byte 17: references are not allowed",
        "a:2:{i:0;i:1;i:1;R:1;}                | byte 17: references are not allowed",
        "S:1:\"a\";                            | unknown type 'S'",
        "x:1;                                  | byte 0: unknown type 'x'",
        "``                                    | empty input",
        "i:1;i:2;                              | byte 4: 4 trailing byte(s)",
        "N;                                    |",
        "i:1                                   | byte 3: unexpected end of input, expected ';'",
        "s:1:\"a\"                             | string length 1 exceeds",
        "s:1:\"ab\";                           | byte 6: expected '\"'",
        "s:3:\"ab\";                           | string length 3 exceeds",
        "s:1:a;                                | expected '\"', found 'a'",
        "a:1:{i:0;i:1;                         | expected '}'",
        "a:1:{i:0;i:1;i:1;i:2;}                | expected '}', found 'i'",
        "s:-1:\"\";                            | byte 2: expected a non-negative decimal length",
        "s:+1:\"a\";                           | byte 2: expected a non-negative decimal length",
        "s:0x1:\"a\";                          | expected ':', found 'x'",
        "s:2147483647:\"a\";                   | byte 2: declared length exceeds the input size",
        "s:99999999999999999999999:\"a\";      | byte 2: declared length exceeds the input size",
        "a:999999999:{}                        | byte 2: declared length exceeds the input size",
        "a:3:{i:0;N;}                          | byte 2: array of 3 elements cannot fit",
        "i:+5;                                 | byte 2: expected decimal digits",
        "i:;                                   | expected decimal digits",
        "i:1.5;                                | expected ';', found '.'",
        "i:9223372036854775808;                | byte 2: integer does not fit in 64 bits",
        "i:-9223372036854775809;               | integer does not fit in 64 bits",
        "i:99999999999999999999999999999;      | integer does not fit in 64 bits",
        "d:;                                   | malformed float",
        "d:.;                                  | malformed float",
        "d:1e;                                 | malformed float exponent",
        "d:+1;                                 | malformed float",
        "d:0x10;                               | expected ';', found 'x'",
        "d:1.5f;                               | expected ';', found 'f'",
        "d:Infinity;                           | malformed float",
        "d:-NAN;                               | malformed float",
        "d:inf;                                | malformed float",
        "b:2;                                  | boolean must be 0 or 1",
        "b:;                                   | boolean must be 0 or 1",
        "N:;                                   | expected ';', found ':'",
        "i1;                                   | byte 1: expected ':' after 'i'",
        "a:1:{N;i:1;}                          | array key must be i: or s:, found 'N'",
        "a:1:{a:0:{}i:1;}                      | array key must be i: or s:, found 'a'",
        "a:1:{d:1;i:1;}                        | array key must be i: or s:, found 'd'",
        "a:1:{i:0;};;;;;                       | byte 9: unknown type '}'",
    })
    void rejectsMalformedInput(String php, String message) {
        Throwable thrown = catchThrowable(() -> read(php));
        if (message == null) {
            assertThat(thrown).isNull(); // control row: the valid neighbour of these inputs
            return;
        }
        assertThat(thrown).as(php).isInstanceOf(PhpSerializationException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsInvalidUtf8Keys() {
        byte[] data = {'a', ':', '1', ':', '{', 's', ':', '1', ':', '"', (byte) 0xFF, '"', ';', 'N', ';', '}'};
        assertThatThrownBy(() -> PhpUnserializer.unserialize(data)).isInstanceOf(PhpSerializationException.class)
                .hasMessageContaining("byte 5: array key is not valid UTF-8");
    }

    @Test
    void everyTruncationOfAValidInputIsRejected() {
        byte[] valid = bytes("a:3:{s:3:\"get\";a:2:{i:0;d:1.5E-7;i:1;b:1;}s:1:\"n\";N;i:7;s:3:\"é!\";}");
        assertThat(PhpUnserializer.unserialize(valid)).isNotNull();
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> PhpUnserializer.unserialize(truncated)).as("prefix of %d bytes", truncated.length)
                    .isInstanceOf(PhpSerializationException.class);
        }
    }

    /**
     * Declared lengths and counts are checked against the input before anything is read or allocated for them: each
     * input is rejected at the byte of its declaration, and a hundred rounds of them allocate little.
     */
    @Test
    void hostileInputsFailAtTheirDeclarationWithoutAllocating() {
        String hugeString = "s:2147483647:\"a\";";
        String hugeArray = "a:999999999:{}";
        String overcountedArray = "a:357913941:{" + "i:0;N;".repeat(10) + "}";
        String bomb = "a:1:{i:0;".repeat(10_000);
        for (String declaredTooLong : List.of(hugeString, hugeArray, overcountedArray)) {
            assertThatThrownBy(() -> read(declaredTooLong)).hasMessage(
                    "Invalid PHP serialized data at byte 2: declared length exceeds the input size");
        }
        // The 65th nested array starts at byte 64 × 9: nothing after it is read.
        assertThatThrownBy(() -> read(bomb)).hasMessage(
                "Invalid PHP serialized data at byte 576: arrays nested deeper than 64 levels");

        long allocated = Allocations.allocatedBy(() -> {
            for (int i = 0; i < 100; i++) {
                assertRejected(hugeString);
                assertRejected(hugeArray);
                assertRejected(overcountedArray);
            }
            assertRejected(bomb);
            assertRejected(bomb + "N;" + "}".repeat(10_000));
        });
        assertThat(allocated).as("bytes allocated").isLessThan(64L * 1024 * 1024);
    }

    private static void assertRejected(String php) {
        assertThatThrownBy(() -> read(php)).isInstanceOf(PhpSerializationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"N;", "b:0;", "i:0;", "d:0.5;", "s:0:\"\";", "a:0:{}"})
    void minimalValuesParse(String php) {
        assertThat(PhpSerializer.serialize(read(php))).isEqualTo(bytes(php));
    }

    private static byte[] phpString(byte[] content) {
        byte[] head = bytes("s:" + content.length + ":\"");
        byte[] out = Arrays.copyOf(head, head.length + content.length + 2);
        System.arraycopy(content, 0, out, head.length, content.length);
        out[out.length - 2] = '"';
        out[out.length - 1] = ';';
        return out;
    }

    private static Object read(String php) {
        return PhpUnserializer.unserialize(bytes(php));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
