package org.jgateway.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** The string PHP makes of a scalar ({@code (string) $value}), so numbers reach clients as a PHP sender's would. */
final class PhpStrings {

    /** PHP's default {@code precision} ini setting, used by float-to-string conversion. */
    private static final int PRECISION = 14;

    private PhpStrings() {
    }

    /** {@code true} → "1", {@code false} → "". */
    static String of(Boolean value) {
        return value ? "1" : "";
    }

    /** Integers in decimal; floats as PHP prints them with {@code precision=14} ({@code 1.0E+25}, {@code 0.1}). */
    static String of(Number value) {
        if (value instanceof Double || value instanceof Float) {
            // Float.toString keeps the float's short decimal form; widening the bits would print 0.1f as 0.10000000149.
            double d = value instanceof Float f ? Double.parseDouble(Float.toString(f)) : value.doubleValue();
            return ofDouble(d);
        }
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value instanceof BigInteger) {
            return value.toString();
        }
        return Long.toString(value.longValue());
    }

    /** zend_gcvt with 14 significant digits: exponent form when the decimal point is beyond them or below 1e-4. */
    static String ofDouble(double d) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - rounded.scale();
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (decimalPoint < -3 || decimalPoint > PRECISION) {
            out.append(digits.charAt(0)).append('.');
            out.append(digits.length() > 1 ? digits.substring(1) : "0");
            int exponent = decimalPoint - 1;
            out.append('E').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decimalPoint <= 0) {
            out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits).append("0".repeat(decimalPoint - digits.length()));
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
        return out.toString();
    }
}
