package org.jgateway.protocol.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Formats a double the way PHP 8 does, with its {@code zend_gcvt} layout over the digits each {@link Conversion} asks
 * for: {@code precision=14} digits for {@code (string)$float} and {@code echo}; the shortest digit string that reads
 * back as the same double ({@code zend_dtoa} mode 0, {@code serialize_precision=-1}) for {@code serialize()} and
 * {@code json_encode()}.
 * <p>
 * Layout: with {@code decpt} the position of the decimal point relative to the digits (value = 0.DIGITS × 10^decpt),
 * scientific notation {@code D.DDDE+X} is used when {@code decpt < -3} or {@code decpt > ndigit} (14, or 17 for the
 * shortest form), i.e. below 1e-4 or from 1e15 (1e17) up; otherwise plain decimals without a trailing {@code .0}
 * ({@code 2.0} → {@code 2}). The exponent has no padding ({@code 1.0E-7}); {@code json_encode} writes it with a lower
 * case {@code e}. Specials are {@code INF}, {@code -INF}, {@code NAN}; {@code -0.0} is {@code -0}.
 * <p>
 * The JDK 17 {@link Double#toString(double)} is not always shortest (JDK-4511638), so the digits are computed here.
 */
public final class PhpDoubles {

    /** Which PHP function's output to produce. */
    public enum Conversion {
        /** {@code (string)$float}, {@code echo}, string interpolation: {@code precision=14}. */
        STRING_CAST(14, 'E'),
        /** {@code serialize()}: shortest round-trip digits. */
        SERIALIZE(SHORTEST, 'E'),
        /** {@code json_encode()} of a finite float: shortest round-trip digits, lower case exponent. */
        JSON_ENCODE(SHORTEST, 'e');

        private final int precision;
        private final byte exponentChar;

        Conversion(int precision, char exponentChar) {
            this.precision = precision;
            this.exponentChar = (byte) exponentChar;
        }
    }

    /** Longest output is 24 bytes ({@code -1.2345678901234567E-308}); digits are staged behind it. */
    static final int SCRATCH_SIZE = 64;

    /** {@code serialize_precision=-1}: {@code zend_dtoa} mode 0. */
    private static final int SHORTEST = -1;
    /** {@code zend_gcvt} receives ndigit 17 in mode 0 and switches to E-style beyond it. */
    private static final int NDIGIT = 17;
    private static final int DIGITS_AT = 40;
    private static final double EXACT_INTEGERS = 0x1p53;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final byte[] NAN = {'N', 'A', 'N'};
    private static final byte[] INF = {'I', 'N', 'F'};

    private PhpDoubles() {
    }

    /**
     * PHP's text for {@code value} in {@code conversion}.
     *
     * @throws IllegalArgumentException for an infinite or NaN value with {@link Conversion#JSON_ENCODE}, which PHP
     *         refuses ("Inf and NaN cannot be JSON encoded")
     */
    public static String toString(double value, Conversion conversion) {
        if (conversion == Conversion.JSON_ENCODE && !Double.isFinite(value)) {
            throw new IllegalArgumentException("Inf and NaN cannot be JSON encoded: " + value);
        }
        byte[] scratch = new byte[SCRATCH_SIZE];
        int length = format(value, conversion, scratch);
        return new String(scratch, 0, length, StandardCharsets.US_ASCII);
    }

    /** Writes {@code serialize()}'s form of {@code value} into {@code scratch} from 0; returns its length. */
    static int format(double value, byte[] scratch) {
        return format(value, Conversion.SERIALIZE, scratch);
    }

    /** Writes PHP's form of {@code value} into {@code scratch} (at least {@link #SCRATCH_SIZE}) from 0; returns its length. */
    private static int format(double value, Conversion conversion, byte[] scratch) {
        if (Double.isNaN(value)) {
            System.arraycopy(NAN, 0, scratch, 0, NAN.length);
            return NAN.length;
        }
        int p = 0;
        if (Double.doubleToRawLongBits(value) < 0) {
            scratch[p++] = '-';
            value = -value;
        }
        if (value == Double.POSITIVE_INFINITY) {
            System.arraycopy(INF, 0, scratch, p, INF.length);
            return p + INF.length;
        }
        if (value == 0) {
            scratch[p++] = '0';
            return p;
        }
        int digitCount;
        int decpt;
        if (conversion.precision != SHORTEST) {
            // zend_dtoa mode 2: the exact binary value correctly rounded, ties to even.
            BigDecimal rounded = new BigDecimal(value)
                    .round(new MathContext(conversion.precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            String digits = rounded.unscaledValue().toString();
            digitCount = digits.length();
            decpt = digitCount - rounded.scale();
            for (int i = 0; i < digitCount; i++) {
                scratch[DIGITS_AT + i] = (byte) digits.charAt(i);
            }
        } else if (value < EXACT_INTEGERS && value == Math.rint(value)) {
            // Doubles this small are spaced at most 1 apart, so the integer itself is the shortest round-trip form.
            decpt = writeDigits((long) value, scratch, DIGITS_AT);
            digitCount = decpt;
            while (scratch[DIGITS_AT + digitCount - 1] == '0') {
                digitCount--;
            }
        } else {
            BigDecimal shortest = ShortestDigits.of(value).stripTrailingZeros();
            String digits = shortest.unscaledValue().toString();
            digitCount = digits.length();
            decpt = digitCount - shortest.scale();
            for (int i = 0; i < digitCount; i++) {
                scratch[DIGITS_AT + i] = (byte) digits.charAt(i);
            }
        }
        int ndigit = conversion.precision == SHORTEST ? NDIGIT : conversion.precision;
        return layout(scratch, p, digitCount, decpt, ndigit, conversion.exponentChar);
    }

    private static int layout(byte[] out, int p, int digitCount, int decpt, int ndigit, byte exponentChar) {
        int d = DIGITS_AT;
        if (decpt < 0 ? decpt < -3 : decpt > ndigit) {
            out[p++] = out[d];
            out[p++] = '.';
            if (digitCount == 1) {
                out[p++] = '0';
            } else {
                for (int i = 1; i < digitCount; i++) {
                    out[p++] = out[d + i];
                }
            }
            out[p++] = exponentChar;
            int exponent = decpt - 1;
            out[p++] = (byte) (exponent < 0 ? '-' : '+');
            int length = writeDigits(Math.abs(exponent), out, p);
            return p + length;
        }
        if (decpt <= 0) {
            out[p++] = '0';
            out[p++] = '.';
            for (int i = decpt; i < 0; i++) {
                out[p++] = '0';
            }
            for (int i = 0; i < digitCount; i++) {
                out[p++] = out[d + i];
            }
            return p;
        }
        for (int i = 0; i < decpt; i++) {
            out[p++] = i < digitCount ? out[d + i] : (byte) '0';
        }
        if (digitCount > decpt) {
            out[p++] = '.';
            for (int i = decpt; i < digitCount; i++) {
                out[p++] = out[d + i];
            }
        }
        return p;
    }

    /** Writes the decimal digits of a non-negative {@code value} at {@code at}; returns how many. */
    private static int writeDigits(long value, byte[] out, int at) {
        int length = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return length;
    }

    /**
     * The shortest decimal inside the rounding interval of a positive finite double, nearest to it on ties of length
     * (and with an even last digit on exact ties), which is what {@code zend_dtoa} mode 0 produces.
     */
    private static final class ShortestDigits {

        private final BigDecimal exact;
        private final BigDecimal low;
        private final BigDecimal high;
        /** Round-half-even parsing maps interval ends to this double only when its significand is even. */
        private final boolean inclusive;
        private final int leadingExponent;

        private ShortestDigits(double v) {
            exact = new BigDecimal(v);
            BigDecimal below = new BigDecimal(Math.nextDown(v));
            low = exact.add(below).multiply(HALF);
            high = v == Double.MAX_VALUE
                    ? exact.add(exact.subtract(below).multiply(HALF))
                    : exact.add(new BigDecimal(Math.nextUp(v))).multiply(HALF);
            inclusive = (Double.doubleToRawLongBits(v) & 1) == 0;
            leadingExponent = exact.precision() - exact.scale() - 1;
        }

        static BigDecimal of(double v) {
            ShortestDigits s = new ShortestDigits(v);
            // A decimal with fewer digits is also one with more, so "some p-digit decimal fits" is monotone in p.
            int lo = 1;
            int hi = NDIGIT;
            BigDecimal best = s.candidate(NDIGIT);
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                BigDecimal c = s.candidate(mid);
                if (c != null) {
                    best = c;
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return best;
        }

        /** The best decimal with at most {@code digits} significant digits in the interval, or null. */
        private BigDecimal candidate(int digits) {
            int unitExponent = leadingExponent - digits + 1;
            BigDecimal lower = exact.setScale(-unitExponent, RoundingMode.FLOOR);
            if (lower.compareTo(exact) == 0) {
                return lower;
            }
            BigDecimal upper = lower.add(BigDecimal.ONE.scaleByPowerOfTen(unitExponent));
            int lowCmp = lower.compareTo(low);
            int highCmp = upper.compareTo(high);
            boolean lowerFits = inclusive ? lowCmp >= 0 : lowCmp > 0;
            boolean upperFits = inclusive ? highCmp <= 0 : highCmp < 0;
            if (lowerFits && upperFits) {
                int nearer = exact.subtract(lower).compareTo(upper.subtract(exact));
                if (nearer != 0) {
                    return nearer < 0 ? lower : upper;
                }
                return lower.unscaledValue().testBit(0) ? upper : lower;
            }
            return lowerFits ? lower : upperFits ? upper : null;
        }
    }
}
