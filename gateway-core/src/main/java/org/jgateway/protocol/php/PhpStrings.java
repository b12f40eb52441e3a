package org.jgateway.protocol.php;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The string PHP makes of a scalar ({@code (string) $value}), so numbers reach clients as a PHP sender's would. */
public final class PhpStrings {

    private PhpStrings() {
    }

    /** {@code true} → "1", {@code false} → "". */
    public static String of(Boolean value) {
        return value ? "1" : "";
    }

    /**
     * Integers in decimal; floats as {@link PhpDoubles.Conversion#STRING_CAST} ({@code 1.0E+25}, {@code 0.1}); a
     * {@link BigDecimal} as its plain digits (PHP has no decimal type: a PHP sender would have sent the string).
     */
    public static String of(Number value) {
        if (value instanceof Double || value instanceof Float) {
            // Float.toString keeps the float's short decimal form; widening the bits would print 0.1f as 0.10000000149.
            double d = value instanceof Float f ? Double.parseDouble(Float.toString(f)) : value.doubleValue();
            return PhpDoubles.toString(d, PhpDoubles.Conversion.STRING_CAST);
        }
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value instanceof BigInteger) {
            return value.toString();
        }
        return Long.toString(value.longValue());
    }
}
