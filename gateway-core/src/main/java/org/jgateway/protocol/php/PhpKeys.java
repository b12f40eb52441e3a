package org.jgateway.protocol.php;

/**
 * PHP's rule for string array keys that become integer keys ({@code ZEND_HANDLE_NUMERIC_STR}): an optional
 * {@code '-'}, then decimal digits without a leading zero ({@code "0"} itself qualifies, {@code "-0"} does not), and a
 * value inside the 64-bit range.
 */
final class PhpKeys {

    /** "-9223372036854775808" has 19 digits; more can never fit. */
    private static final int MAX_DIGITS = 19;

    private PhpKeys() {
    }

    static boolean isCanonicalInteger(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > MAX_DIGITS + 1) {
            return false;
        }
        boolean negative = s.charAt(0) == '-';
        int i = negative ? 1 : 0;
        if (i == n || !digit(s.charAt(i))) {
            return false;
        }
        if (s.charAt(i) == '0') {
            return n == 1;
        }
        if (n - i > MAX_DIGITS) {
            return false;
        }
        long magnitude = 0; // unsigned: 19 digits always fit in 64 bits
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!digit(c)) {
                return false;
            }
            magnitude = magnitude * 10 + (c - '0');
        }
        return inRange(magnitude, negative);
    }

    static boolean isCanonicalInteger(byte[] b, int offset, int length) {
        if (length == 0 || length > MAX_DIGITS + 1) {
            return false;
        }
        int end = offset + length;
        boolean negative = b[offset] == '-';
        int i = negative ? offset + 1 : offset;
        if (i == end || !digit(b[i])) {
            return false;
        }
        if (b[i] == '0') {
            return length == 1;
        }
        if (end - i > MAX_DIGITS) {
            return false;
        }
        long magnitude = 0;
        for (; i < end; i++) {
            if (!digit(b[i])) {
                return false;
            }
            magnitude = magnitude * 10 + (b[i] - '0');
        }
        return inRange(magnitude, negative);
    }

    /** The value of a range for which {@link #isCanonicalInteger(byte[], int, int)} holds. */
    static long parseCanonical(byte[] b, int offset, int length) {
        boolean negative = b[offset] == '-';
        long magnitude = 0;
        for (int i = negative ? offset + 1 : offset; i < offset + length; i++) {
            magnitude = magnitude * 10 + (b[i] - '0');
        }
        return negative ? -magnitude : magnitude; // -(2^63) wraps to Long.MIN_VALUE, which is right
    }

    private static boolean inRange(long unsignedMagnitude, boolean negative) {
        return Long.compareUnsigned(unsignedMagnitude, negative ? Long.MIN_VALUE : Long.MAX_VALUE) <= 0;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }
}
