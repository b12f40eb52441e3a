package org.jgateway.protocol.php;

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
 */
public final class PhpUnserializer {

    /** Maximum nesting of arrays accepted by {@link #unserialize(byte[])}. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private PhpUnserializer() {
    }

    public static Object unserialize(byte[] data) {
        return unserialize(data, DEFAULT_MAX_DEPTH);
    }

    public static Object unserialize(byte[] data, int maxDepth) {
        throw new UnsupportedOperationException("being implemented");
    }
}
