package org.jgateway.protocol.php;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strict pass over serialized bytes. Arrays are tracked on an explicit stack rather than by recursion, so the depth
 * limit, not the thread's stack size, decides how deep input may nest. Every declared length or count is checked
 * against the bytes actually remaining before anything is allocated for it.
 */
final class PhpParser {

    /** The smallest array element: key {@code i:0;} plus value {@code N;}. */
    private static final int MIN_ELEMENT_BYTES = 6;
    /** Initial capacity cap for arrays: a declared count is only a claim until the elements are read. */
    private static final int MAX_INITIAL_CAPACITY = 1024;

    private final byte[] in;
    private final int start;
    private final int end;
    private final int maxDepth;
    private int pos;

    PhpParser(byte[] in, int offset, int length, int maxDepth) {
        this.in = in;
        this.start = offset;
        this.end = offset + length;
        this.maxDepth = maxDepth;
        this.pos = offset;
    }

    Object parseDocument() {
        if (pos == end) {
            throw error("empty input");
        }
        Object value = parseValue();
        if (pos != end) {
            throw error((end - pos) + " trailing byte(s) after the value");
        }
        return value;
    }

    private Object parseValue() {
        ArrayBuilder top = null;
        while (true) {
            Object key = null;
            Object value;
            if (top != null && top.remaining == 0) {
                expect('}');
                value = top.build();
                key = top.keyInParent;
                top = top.parent;
            } else {
                if (top != null) {
                    key = parseKey();
                }
                if (pos < end && in[pos] == 'a') {
                    peekType();
                    int depth = top == null ? 1 : top.depth + 1;
                    int at = pos;
                    int count = parseArrayHeader();
                    if (depth > maxDepth) {
                        throw error("arrays nested deeper than " + maxDepth + " levels", at);
                    }
                    top = new ArrayBuilder(top, key, count, depth);
                    continue;
                }
                value = parseScalar();
            }
            if (top == null) {
                return value;
            }
            top.put(key, value);
        }
    }

    private Object parseKey() {
        int at = pos;
        byte type = peekType();
        if (type == 'i') {
            return parseInt();
        }
        if (type != 's') {
            throw error("array key must be i: or s:, found '" + printable(type) + "'", at);
        }
        pos += 2;
        int length = parseStringLength();
        int contentAt = pos;
        pos += length;
        expect('"');
        expect(';');
        if (PhpKeys.isCanonicalInteger(in, contentAt, length)) {
            return PhpKeys.parseCanonical(in, contentAt, length); // PHP turns "5" into the integer key 5
        }
        if (!Utf8.isValid(in, contentAt, length)) {
            throw error("array key is not valid UTF-8", at);
        }
        return new String(in, contentAt, length, StandardCharsets.UTF_8);
    }

    private Object parseScalar() {
        int at = pos;
        byte type = peekType();
        switch (type) {
            case 'N':
                pos++;
                expect(';');
                return null;
            case 'b':
                pos += 2;
                if (pos < end && (in[pos] == '0' || in[pos] == '1')) {
                    boolean b = in[pos++] == '1';
                    expect(';');
                    return b;
                }
                throw error("boolean must be 0 or 1");
            case 'i':
                return parseInt();
            case 'd':
                return parseDouble();
            case 's':
                return parseString();
            case 'O':
            case 'C':
                throw error("objects are not allowed", at);
            case 'E':
                throw error("enums are not allowed", at);
            case 'r':
            case 'R':
                throw error("references are not allowed", at);
            default:
                throw error("unknown type '" + printable(type) + "'", at);
        }
    }

    /** Returns the type byte at pos; for the types this parser reads past it, also checks the ':' that follows. */
    private byte peekType() {
        if (pos >= end) {
            throw error("unexpected end of input, expected a value");
        }
        byte type = in[pos];
        boolean needsColon = type == 'a' || type == 'b' || type == 'i' || type == 'd' || type == 's';
        if (needsColon && (pos + 1 >= end || in[pos + 1] != ':')) {
            throw error("expected ':' after '" + (char) type + "'", pos + 1);
        }
        return type;
    }

    private long parseInt() {
        pos += 2;
        long value = parseLong();
        expect(';');
        return value;
    }

    /** Optional '-' then decimal digits, accumulated negatively so that Long.MIN_VALUE fits. */
    private long parseLong() {
        int at = pos;
        boolean negative = pos < end && in[pos] == '-';
        if (negative) {
            pos++;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyLimit = limit / 10;
        long acc = 0;
        int digitsAt = pos;
        while (pos < end && digit(in[pos])) {
            int d = in[pos] - '0';
            if (acc < multiplyLimit || acc * 10 < limit + d) {
                throw error("integer does not fit in 64 bits", at);
            }
            acc = acc * 10 - d;
            pos++;
        }
        if (pos == digitsAt) {
            throw error("expected decimal digits");
        }
        return negative ? acc : -acc;
    }

    private double parseDouble() {
        pos += 2;
        int at = pos;
        if (matches("NAN;")) {
            pos += 3;
            expect(';');
            return Double.NaN;
        }
        if (matches("INF;") || matches("-INF;")) {
            boolean negative = in[pos] == '-';
            pos += negative ? 4 : 3;
            expect(';');
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (pos < end && in[pos] == '-') {
            pos++;
        }
        int mantissaDigits = skipDigits();
        if (pos < end && in[pos] == '.') {
            pos++;
            mantissaDigits += skipDigits();
        }
        if (mantissaDigits == 0) {
            throw error("malformed float", at);
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw error("malformed float exponent", at);
            }
        }
        int length = pos - at;
        expect(';');
        // The text matched PHP's float grammar, which is a subset of what parseDouble accepts.
        return Double.parseDouble(new String(in, at, length, StandardCharsets.ISO_8859_1));
    }

    private Object parseString() {
        pos += 2;
        int length = parseStringLength();
        int contentAt = pos;
        pos += length;
        expect('"');
        expect(';');
        if (Utf8.isValid(in, contentAt, length)) {
            return new String(in, contentAt, length, StandardCharsets.UTF_8);
        }
        return Arrays.copyOfRange(in, contentAt, contentAt + length);
    }

    /** Parses {@code <len>:"} and checks that the content, closing quote and ';' fit in the input. */
    private int parseStringLength() {
        int at = pos;
        long length = parseCount();
        expect(':');
        expect('"');
        if (length > end - pos - 2) {
            throw error("string length " + length + " exceeds the remaining " + (end - pos) + " bytes", at);
        }
        return (int) length;
    }

    /** Parses {@code a:<count>:{} and checks that the input can hold that many elements. */
    private int parseArrayHeader() {
        pos += 2;
        int at = pos;
        long count = parseCount();
        expect(':');
        expect('{');
        if (count * MIN_ELEMENT_BYTES > end - pos - 1) {
            throw error("array of " + count + " elements cannot fit in the remaining " + (end - pos) + " bytes", at);
        }
        return (int) count;
    }

    /** Unsigned decimal digits; stops growing as soon as the value exceeds the input size, so it cannot overflow. */
    private long parseCount() {
        int at = pos;
        long value = 0;
        while (pos < end && digit(in[pos])) {
            value = value * 10 + (in[pos] - '0');
            if (value > end - start) {
                throw error("declared length exceeds the input size", at);
            }
            pos++;
        }
        if (pos == at) {
            throw error("expected a non-negative decimal length", at);
        }
        return value;
    }

    private int skipDigits() {
        int from = pos;
        while (pos < end && digit(in[pos])) {
            pos++;
        }
        return pos - from;
    }

    private boolean matches(String token) {
        if (end - pos < token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (in[pos + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void expect(char c) {
        if (pos >= end) {
            throw error("unexpected end of input, expected '" + c + "'");
        }
        if (in[pos] != c) {
            throw error("expected '" + c + "', found '" + printable(in[pos]) + "'");
        }
        pos++;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF);
    }

    private PhpSerializationException error(String what) {
        return error(what, pos);
    }

    private PhpSerializationException error(String what, int at) {
        return new PhpSerializationException("Invalid PHP serialized data at byte " + (at - start) + ": " + what);
    }

    /** An array being read: a list while its keys run 0, 1, 2..., a map from the first key that does not. */
    private static final class ArrayBuilder {

        final ArrayBuilder parent;
        final Object keyInParent;
        final int depth;
        int remaining;
        private List<Object> list;
        private Map<Object, Object> map;

        ArrayBuilder(ArrayBuilder parent, Object keyInParent, int count, int depth) {
            this.parent = parent;
            this.keyInParent = keyInParent;
            this.depth = depth;
            this.remaining = count;
            this.list = new ArrayList<>(Math.min(count, MAX_INITIAL_CAPACITY));
        }

        void put(Object key, Object value) {
            remaining--;
            if (list != null) {
                if (key instanceof Long && (Long) key == list.size()) {
                    list.add(value);
                    return;
                }
                map = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    map.put((long) i, list.get(i));
                }
                list = null;
            }
            map.put(key, value); // a repeated key keeps its position and takes the last value, like PHP
        }

        Object build() {
            if (list != null) {
                return list.isEmpty() ? new LinkedHashMap<>() : list;
            }
            // Repeated keys can leave exactly 0..n-1 behind: {0:a, 0:b} is the list [b].
            return PhpArrays.canonical(map);
        }
    }
}
