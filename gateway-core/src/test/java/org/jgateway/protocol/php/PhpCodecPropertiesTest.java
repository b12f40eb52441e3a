package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Properties over random values: exact round trips, and mutated encodings failing only in the documented way. */
class PhpCodecPropertiesTest {

    private static final String ALPHABET = "aZ09 \"';:{}-.é中😀\u0000";
    private static final double[] EXTREME_DOUBLES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, 0.1, 1e15, 1e16, 1e17, 1e-4, 1e-5, 0x1p53, 0x1p63, 1.0 / 3};

    @Test
    void valuesRoundTripExactly() {
        qt().withExamples(1500).withShrinkCycles(50).forAll(values(4)).checkAssert(value -> {
            byte[] encoded = PhpSerializer.serialize(value);
            Object decoded = PhpUnserializer.unserialize(encoded);
            assertThat(PhpSerializer.serialize(decoded)).isEqualTo(encoded);
            assertThat(normalized(decoded)).isEqualTo(normalized(value));
        });
    }

    @Test
    void doublesRoundTripInTheirShortestForm() {
        qt().withExamples(1500).forAll(doubles().any()).checkAssert(PhpCodecPropertiesTest::checkDouble);
        qt().withExamples(1500).forAll(longs().all()).checkAssert(bits -> checkDouble(Double.longBitsToDouble(bits)));
        for (double d : EXTREME_DOUBLES) {
            checkDouble(d);
        }
    }

    private static void checkDouble(double d) {
        byte[] encoded = PhpSerializer.serialize(d);
        Object back = PhpUnserializer.unserialize(encoded);
        if (Double.doubleToLongBits((Double) back) != Double.doubleToLongBits(d)) {
            throw new AssertionError(d + " came back as " + back);
        }
        if (Double.isFinite(d) && d != 0) {
            // Never more significant digits than the JDK, which always round-trips but is sometimes longer.
            String php = new String(encoded, 2, encoded.length - 3, StandardCharsets.US_ASCII);
            if (significantDigits(php) > significantDigits(Double.toString(d))) {
                throw new AssertionError(d + " written as " + php + ", longer than " + Double.toString(d));
            }
        }
    }

    /** Digits of the mantissa without sign, point, leading or trailing zeros. */
    private static int significantDigits(String number) {
        int end = number.indexOf('E');
        end = end < 0 ? number.length() : end;
        int first = -1;
        int last = -1;
        for (int i = 0; i < end; i++) {
            char c = number.charAt(i);
            if (c >= '1' && c <= '9') {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        int digits = 0;
        for (int i = first; i <= last; i++) {
            digits += number.charAt(i) == '.' ? 0 : 1;
        }
        return digits;
    }

    @Test
    void mutatedOrTruncatedEncodingsFailOnlyWithPhpSerializationException() {
        qt().withExamples(2500).withShrinkCycles(50).forAll(values(3), longs().all()).checkAssert((value, seed) -> {
            byte[] encoded = PhpSerializer.serialize(value);
            Random random = new Random(seed);
            for (int round = 0; round < 8; round++) {
                byte[] mutated = mutate(encoded, random);
                try {
                    PhpUnserializer.unserialize(mutated);
                } catch (PhpSerializationException expected) {
                    assertThat(expected.getMessage()).startsWith("Invalid PHP serialized data at byte ");
                }
            }
        });
    }

    private static byte[] mutate(byte[] encoded, Random random) {
        byte[] out = Arrays.copyOf(encoded, encoded.length);
        switch (random.nextInt(4)) {
            case 0:
                return Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 1: {
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 2: {
                // Structural bytes and digits are where a parser's bounds checks live.
                byte[] interesting = "0123456789:;{}\"-+.aisdbNOrREe".getBytes();
                out[random.nextInt(out.length)] = interesting[random.nextInt(interesting.length)];
                return out;
            }
            default: {
                int at = random.nextInt(out.length);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) "9{;\"".charAt(random.nextInt(4));
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                return longer;
            }
        }
    }

    /** Random PHP-representable values nested up to {@code depth} arrays deep. */
    private static Gen<Object> values(int depth) {
        return in -> value(in, depth);
    }

    private static Object value(RandomnessSource in, int depth) {
        int kind = (int) in.next(Constraint.between(0, depth > 0 ? 9 : 7));
        switch (kind) {
            case 0:
                return null;
            case 1:
                return in.next(Constraint.between(0, 1)) == 1;
            case 2:
                return in.next(Constraint.none());
            case 3:
                return in.next(Constraint.between(-300, 300));
            case 4: {
                int pick = (int) in.next(Constraint.between(0, EXTREME_DOUBLES.length));
                return pick < EXTREME_DOUBLES.length ? EXTREME_DOUBLES[pick]
                        : Double.longBitsToDouble(in.next(Constraint.none()));
            }
            case 5:
            case 6:
                return string(in);
            case 7: {
                byte[] bytes = new byte[(int) in.next(Constraint.between(0, 6))];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) in.next(Constraint.between(-128, 127));
                }
                return bytes;
            }
            case 8: {
                int size = (int) in.next(Constraint.between(0, 4));
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    list.add(value(in, depth - 1));
                }
                return list;
            }
            default: {
                int size = (int) in.next(Constraint.between(0, 4));
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    Object key = in.next(Constraint.between(0, 1)) == 0 ? (Object) in.next(Constraint.between(-3, 9))
                            : string(in);
                    map.put(key, value(in, depth - 1));
                }
                return map;
            }
        }
    }

    private static String string(RandomnessSource in) {
        int length = (int) in.next(Constraint.between(0, 8));
        StringBuilder sb = new StringBuilder();
        int[] codePoints = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(codePoints[(int) in.next(Constraint.between(0, codePoints.length - 1))]);
        }
        return sb.toString();
    }

    /**
     * The value as PHP sees it, for comparison: map keys normalised, arrays keyed 0..n-1 as lists, empty arrays as
     * empty maps, valid UTF-8 bytes as strings, other bytes as lists of numbers, doubles by their bits.
     */
    private static Object normalized(Object value) {
        if (value instanceof byte[]) {
            byte[] b = (byte[]) value;
            if (Utf8.isValid(b, 0, b.length)) {
                return new String(b, StandardCharsets.UTF_8);
            }
            List<Byte> bytes = new ArrayList<>();
            for (byte x : b) {
                bytes.add(x);
            }
            return Map.of("bytes", bytes);
        }
        if (value instanceof Double) {
            return Map.of("double", Double.doubleToLongBits((Double) value));
        }
        if (value instanceof Map || value instanceof List) {
            Map<Object, Object> map = new LinkedHashMap<>();
            PhpArrays.asMap(value).forEach((k, v) -> map.put(k, normalized(v)));
            Object canonical = PhpArrays.canonical(map);
            return canonical instanceof List ? canonical : map;
        }
        return value;
    }
}
