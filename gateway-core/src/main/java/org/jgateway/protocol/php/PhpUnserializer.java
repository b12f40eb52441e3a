package org.jgateway.protocol.php;

import java.util.Objects;

/**
 * PHP {@code unserialize()}, strict and bounded.
 * <p>
 * Mapping: {@code N;} → {@code null}, {@code b:} → {@link Boolean}, {@code i:} → {@link Long}, {@code d:} →
 * {@link Double}, {@code s:} → {@link String} when the bytes are valid UTF-8, else {@code byte[]}; {@code a:} → a
 * mutable {@link java.util.ArrayList} when it is non-empty and its keys are exactly 0..n-1 in order, else a mutable
 * {@link java.util.LinkedHashMap} whose keys are {@link Long} or {@link String} (so {@code a:0:{}} is an empty map).
 * Objects ({@code O:}, {@code C:}), enums ({@code E:}), references ({@code r:}, {@code R:}), trailing bytes and any
 * malformed input are rejected with {@link PhpSerializationException}; nesting is bounded by {@link #DEFAULT_MAX_DEPTH}
 * and a declared length or element count larger than the remaining input is an error, not an allocation.
 * <p>
 * Details: string keys that PHP turns into integers ({@code s:1:"5"}) become {@link Long} keys, as in PHP; a repeated
 * key keeps its first position and takes the last value; an array key that is not valid UTF-8 is rejected (a map
 * key cannot be a {@code byte[]}). Integers must fit in 64 bits. Floats accept {@code INF}, {@code -INF},
 * {@code NAN} and decimal or scientific notation ({@code 1}, {@code -0.5}, {@code .5}, {@code 1.}, {@code 1.0E+25});
 * a leading {@code '+'} is rejected on integers, floats and lengths. Error messages name the problem and its byte
 * offset from the start of the value.
 */
public final class PhpUnserializer {

    /** Maximum nesting of arrays accepted by {@link #unserialize(byte[])}. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private PhpUnserializer() {
    }

    /**
     * Unserializes {@code data}, allowing {@link #DEFAULT_MAX_DEPTH} levels of nested arrays.
     *
     * @throws PhpSerializationException if {@code data} is not exactly one acceptable serialized value
     */
    public static Object unserialize(byte[] data) {
        return unserialize(data, DEFAULT_MAX_DEPTH);
    }

    /**
     * Unserializes {@code data}, allowing {@code maxDepth} levels of nested arrays ({@code 0}: scalars only).
     *
     * @throws PhpSerializationException if {@code data} is not exactly one acceptable serialized value
     * @throws IllegalArgumentException if {@code maxDepth} is negative
     */
    public static Object unserialize(byte[] data, int maxDepth) {
        Objects.requireNonNull(data, "data");
        return unserialize(data, 0, data.length, maxDepth);
    }

    /**
     * Unserializes the {@code length} bytes of {@code data} from {@code offset} (e.g. a frame's body in place, without
     * copying it out); error offsets count from {@code offset}.
     *
     * @throws PhpSerializationException if the range is not exactly one acceptable serialized value
     * @throws IllegalArgumentException if {@code maxDepth} is negative
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    public static Object unserialize(byte[] data, int offset, int length, int maxDepth) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
        }
        return new PhpParser(data, offset, length, maxDepth).parseDocument();
    }
}
