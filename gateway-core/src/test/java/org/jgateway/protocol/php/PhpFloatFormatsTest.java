package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.protocol.php.PhpDoubles.Conversion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden values of PHP 8 with its default ini ({@code precision=14}, {@code serialize_precision=-1}): what
 * {@code (string)$float}, {@code json_encode} and {@code serialize} print.
 */
class PhpFloatFormatsTest {

    /** Lines {@code bits|(string)|json_encode|serialize} written by PHP 8.2 for random and edge-case doubles. */
    @Test
    void matchPhpOnRandomDoubles() throws IOException {
        List<String> lines;
        try (InputStream in = PhpFloatFormatsTest.class.getResourceAsStream("/php/float-formats.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).toList();
        }
        assertThat(lines).hasSizeGreaterThan(900);
        for (String line : lines) {
            String[] php = line.split("\\|", -1);
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(php[0], 16));
            assertThat(PhpDoubles.toString(d, Conversion.STRING_CAST)).as("(string) %s", line).isEqualTo(php[1]);
            assertThat(json(d)).as("json_encode %s", line).isEqualTo(php[2]);
            assertThat(new String(PhpSerializer.serialize(d), StandardCharsets.US_ASCII)).as("serialize %s", line)
                    .isEqualTo(php[3]);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.5 | 0.5", "100.0 | 100", "7.0 | 7", "-2.5 | -2.5", "0.30000000000000004 | 0.3",
        "0.3333333333333333 | 0.33333333333333", "3.141592653589793 | 3.1415926535898",
        "9.223372036854775807E18 | 9.2233720368548E+18", "1.0E25 | 1.0E+25", "1.5E20 | 1.5E+20",
        "1.0E14 | 1.0E+14", "1.0E15 | 1.0E+15", "1.0E13 | 10000000000000", "12345678901234.0 | 12345678901234",
        "123456789012345.0 | 1.2345678901234E+14", "123456.789 | 123456.789", "0.0001 | 0.0001",
        "0.00001 | 1.0E-5", "1.0E-7 | 1.0E-7", "-1.5E-7 | -1.5E-7", "0.0 | 0", "-0.0 | -0",
        "1.7976931348623157E308 | 1.7976931348623E+308", "4.9E-324 | 4.9406564584125E-324"})
    void stringCast(double value, String php) {
        assertThat(PhpDoubles.toString(value, Conversion.STRING_CAST)).isEqualTo(php);
        assertThat(PhpStrings.of(value)).isEqualTo(php);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1 | 0.1", "0.30000000000000004 | 0.30000000000000004", "10.0 | 10", "1.5 | 1.5", "-0.0 | -0",
        "1.0E25 | 1.0e+25", "1.0E-7 | 1.0e-7", "0.0001 | 0.0001", "1.0E16 | 10000000000000000",
        "1.0E17 | 1.0e+17", "3.141592653589793 | 3.141592653589793",
        "9.223372036854775807E18 | 9.223372036854776e+18",
        // JDK 17's Double.toString writes 2.82879384806159008E17 and 4.9E-324: not PHP's shortest digits.
        "2.82879384806159E17 | 2.82879384806159e+17", "4.9E-324 | 5.0e-324"})
    void jsonEncode(double value, String php) {
        assertThat(PhpDoubles.toString(value, Conversion.JSON_ENCODE)).isEqualTo(php);
        assertThat(json(value)).isEqualTo(php);
    }

    @Test
    void specials() {
        assertThat(PhpDoubles.toString(Double.POSITIVE_INFINITY, Conversion.STRING_CAST)).isEqualTo("INF");
        assertThat(PhpDoubles.toString(Double.NEGATIVE_INFINITY, Conversion.STRING_CAST)).isEqualTo("-INF");
        assertThat(PhpDoubles.toString(Double.NaN, Conversion.STRING_CAST)).isEqualTo("NAN");
        assertThat(PhpDoubles.toString(Double.NEGATIVE_INFINITY, Conversion.SERIALIZE)).isEqualTo("-INF");
        // json_encode refuses them ("Inf and NaN cannot be JSON encoded"); with partial output they become 0.
        assertThatThrownBy(() -> PhpDoubles.toString(Double.NaN, Conversion.JSON_ENCODE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be JSON encoded");
        assertThat(json(List.of(Double.POSITIVE_INFINITY, Double.NaN))).isEqualTo("[0,0]");
    }

    @Test
    void scalarsAsStringCast() {
        assertThat(PhpStrings.of(5)).isEqualTo("5");
        assertThat(PhpStrings.of(-7L)).isEqualTo("-7");
        assertThat(PhpStrings.of(true)).isEqualTo("1");
        assertThat(PhpStrings.of(false)).isEmpty();
        assertThat(PhpStrings.of(0.1f)).isEqualTo("0.1");
        assertThat(PhpStrings.of(new BigDecimal("1.50"))).isEqualTo("1.50");
    }

    @Test
    void clientBytesOfScalarsAndNull() {
        assertThat(PhpValues.toClientBytes(null)).isNull();
        assertThat(clientText(Boolean.TRUE)).isEqualTo("1");
        assertThat(clientText(Boolean.FALSE)).isEmpty();
        assertThat(clientText(-5L)).isEqualTo("-5");
        assertThat(clientText(1e25)).isEqualTo("1.0E+25");
        assertThat(clientText("héllo")).isEqualTo("héllo");
    }

    @Test
    void arraysAreJsonEncodedLikePhp() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(5L, "a/b");
        map.put("k", List.of("ü", "😀", "\u0001"));
        map.put("e", new LinkedHashMap<>());
        map.put("n", null);
        map.put("t", true);
        map.put("f", List.of(1.5, 2.0, 1e25));
        assertThat(clientText(map)).isEqualTo(
                "{\"5\":\"a\\/b\",\"k\":[\"ü\",\"😀\",\"\\u0001\"],\"e\":[],\"n\":null,\"t\":true,\"f\":[1.5,2,1.0e+25]}");
        assertThat(clientText(new LinkedHashMap<>())).isEqualTo("[]");
        // The golden trace: a PHP-serialized array body reaches a WebSocket client json_encoded.
        assertThat(clientText(PhpUnserializer.unserialize("a:1:{i:0;s:3:\"arr\";}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("[\"arr\"]");
        assertThatThrownBy(() -> PhpValues.toClientBytes(List.of(new byte[] {(byte) 0xff})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String json(Object value) {
        return new String(PhpJson.encode(value), StandardCharsets.UTF_8);
    }

    private static String clientText(Object value) {
        return new String(PhpValues.toClientBytes(value), StandardCharsets.UTF_8);
    }
}
