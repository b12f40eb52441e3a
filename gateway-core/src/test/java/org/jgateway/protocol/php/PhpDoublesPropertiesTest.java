package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.protocol.php.PhpDoubles.Conversion;
import org.junit.jupiter.api.Test;

/** PHP's float texts over random doubles, checked against the rules of {@code zend_gcvt} rather than an oracle. */
class PhpDoublesPropertiesTest {

    /** Sign, first digit, more digits after a point (none trailing zero), exponent. */
    private static final Pattern EXPONENTIAL = Pattern.compile("-?([1-9])\\.(0|\\d*[1-9])[Ee]([+-])([1-9]\\d*|0)");
    /** Plain digits, a fraction without trailing zeros if any. */
    private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d*[1-9])?");

    @Test
    void jsonEncodeWritesSerializesDigitsWithALowerCaseExponent() {
        qt().withExamples(3000).forAll(longs().all()).checkAssert(bits -> {
            double d = Double.longBitsToDouble(bits);
            if (Double.isFinite(d)) {
                String serialized = PhpDoubles.toString(d, Conversion.SERIALIZE);
                String json = PhpDoubles.toString(d, Conversion.JSON_ENCODE);
                assertThat(json).isEqualTo(serialized.replace('E', 'e'));
                assertThat(Double.doubleToRawLongBits(Double.parseDouble(json))).isEqualTo(bits);
                assertLayout(json, d, 17);
            }
        });
    }

    @Test
    void stringCastIsTheValueRoundedToFourteenDigits() {
        qt().withExamples(3000).forAll(longs().all()).checkAssert(bits -> {
            double d = Double.longBitsToDouble(bits);
            if (Double.isFinite(d) && d != 0) {
                String cast = PhpDoubles.toString(d, Conversion.STRING_CAST);
                BigDecimal expected = new BigDecimal(d).round(new MathContext(14, RoundingMode.HALF_EVEN));
                assertThat(new BigDecimal(cast)).isEqualByComparingTo(expected);
                assertLayout(cast, d, 14);
            }
        });
    }

    @Test
    void aFloatWrittenWithAtMostFourteenDigitsIsCastBackToThem() {
        // What a PHP programmer types is what echo prints: 0.1, 123.45, 1.5E-7.
        qt().withExamples(3000).forAll(longs().between(1, 99_999_999_999_999L), integers().between(-330, 290))
                .checkAssert((mantissa, exponent) -> {
                    BigDecimal typed = BigDecimal.valueOf(mantissa, -exponent).stripTrailingZeros();
                    double d = typed.doubleValue();
                    if (d != 0 && Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL) {
                        String cast = PhpDoubles.toString(d, Conversion.STRING_CAST);
                        assertThat(new BigDecimal(cast)).isEqualByComparingTo(typed);
                    }
                });
    }

    /** Exponential form exactly when the decimal point is left of -3 or right of {@code ndigit} digits. */
    private static void assertLayout(String text, double d, int ndigit) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        int decpt = value.precision() - value.scale();
        boolean exponential = decpt < -3 || decpt > ndigit;
        Matcher m = (exponential ? EXPONENTIAL : PLAIN).matcher(text);
        assertThat(m.matches()).as("%s (%s) in %s form", text, d, exponential ? "exponential" : "plain").isTrue();
        assertThat(text.startsWith("-")).isEqualTo(Double.doubleToRawLongBits(d) < 0);
    }
}
