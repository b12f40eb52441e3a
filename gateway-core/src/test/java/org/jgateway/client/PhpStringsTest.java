package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Numbers print as PHP's {@code (string)} cast does (precision 14). */
class PhpStringsTest {

    @Test
    void integersAndBooleans() {
        assertThat(PhpStrings.of(5)).isEqualTo("5");
        assertThat(PhpStrings.of(-7L)).isEqualTo("-7");
        assertThat(PhpStrings.of(true)).isEqualTo("1");
        assertThat(PhpStrings.of(false)).isEmpty();
        assertThat(PhpStrings.of(new BigDecimal("1.50"))).isEqualTo("1.50");
    }

    @Test
    void floatsLikePhp() {
        assertThat(PhpStrings.of(1.0)).isEqualTo("1");
        assertThat(PhpStrings.of(1.5)).isEqualTo("1.5");
        assertThat(PhpStrings.of(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(PhpStrings.of(0.1f)).isEqualTo("0.1");
        assertThat(PhpStrings.of(-2.5)).isEqualTo("-2.5");
        assertThat(PhpStrings.of(1e13)).isEqualTo("10000000000000");
        assertThat(PhpStrings.of(1e15)).isEqualTo("1.0E+15");
        assertThat(PhpStrings.of(1.5e20)).isEqualTo("1.5E+20");
        assertThat(PhpStrings.of(0.0001)).isEqualTo("0.0001");
        assertThat(PhpStrings.of(0.00001)).isEqualTo("1.0E-5");
        assertThat(PhpStrings.of(123456.789)).isEqualTo("123456.789");
        assertThat(PhpStrings.of(Double.NaN)).isEqualTo("NAN");
        assertThat(PhpStrings.of(Double.NEGATIVE_INFINITY)).isEqualTo("-INF");
        assertThat(PhpStrings.of(-0.0)).isEqualTo("-0");
    }
}
