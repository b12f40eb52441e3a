package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhpValuesTest {

    @Test
    void floatsAsPhpStringCastsThem() {
        assertThat(str(0.5)).isEqualTo("0.5");
        assertThat(str(100.0)).isEqualTo("100");
        assertThat(str(-0.0)).isEqualTo("-0");
        assertThat(str(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(str(1e25)).isEqualTo("1.0E+25");
        assertThat(str(1e14)).isEqualTo("1.0E+14");
        assertThat(str(123456789012345.0)).isEqualTo("1.2345678901234E+14");
        assertThat(str(12345678901234.0)).isEqualTo("12345678901234");
        assertThat(str(0.0001)).isEqualTo("0.0001");
        assertThat(str(0.00001)).isEqualTo("1.0E-5");
        assertThat(str(-1.5e-7)).isEqualTo("-1.5E-7");
        assertThat(str(Double.POSITIVE_INFINITY)).isEqualTo("INF");
        assertThat(str(Double.NaN)).isEqualTo("NAN");
    }

    @Test
    void floatsAsJsonEncodeWritesThem() {
        assertThat(PhpValues.formatDouble(0.1 + 0.2, -1, 'e')).isEqualTo("0.30000000000000004");
        assertThat(PhpValues.formatDouble(1.0, -1, 'e')).isEqualTo("1");
        assertThat(PhpValues.formatDouble(1e25, -1, 'e')).isEqualTo("1.0e+25");
        assertThat(json(List.of(1.5, 2.0))).isEqualTo("[1.5,2]");
    }

    @Test
    void scalarsAndNull() {
        assertThat(PhpValues.toMessage(null)).isNull();
        assertThat(msg(Boolean.TRUE)).isEqualTo("1");
        assertThat(msg(Boolean.FALSE)).isEmpty();
        assertThat(msg(-5L)).isEqualTo("-5");
        assertThat(msg("héllo")).isEqualTo("héllo");
    }

    @Test
    void arraysAreJsonEncodedLikePhp() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(5L, "a/b");
        map.put("k", List.of("ü", "😀", "\u0001"));
        map.put("e", new LinkedHashMap<>());
        map.put("n", null);
        map.put("t", true);
        assertThat(json(map)).isEqualTo("{\"5\":\"a\\/b\",\"k\":[\"ü\",\"😀\",\"\\u0001\"],\"e\":[],\"n\":null,\"t\":true}");
        assertThat(json(new LinkedHashMap<>())).isEqualTo("[]");
        assertThatThrownBy(() -> PhpValues.toMessage(List.of(new byte[] {(byte) 0xff})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String str(double d) {
        return PhpValues.formatDouble(d, 14, 'E');
    }

    private static String msg(Object value) {
        return new String(PhpValues.toMessage(value), StandardCharsets.UTF_8);
    }

    private static String json(Object value) {
        return new String(PhpValues.toMessage(value), StandardCharsets.UTF_8);
    }
}
