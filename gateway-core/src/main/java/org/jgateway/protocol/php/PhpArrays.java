package org.jgateway.protocol.php;

import java.util.Map;

/** PHP array semantics on the Java values of {@link PhpUnserializer}. */
public final class PhpArrays {

    private PhpArrays() {
    }

    /**
     * The key PHP would store: a {@link String} that is a canonical decimal integer in the 64-bit range ({@code "1"},
     * {@code "-5"}, not {@code "01"}, {@code "+1"}, {@code "1.0"}) becomes that {@link Long}; integral numbers become
     * {@link Long}; other strings stay strings; booleans become 0/1; null becomes {@code ""}.
     */
    public static Object normalizeKey(Object key) {
        throw new UnsupportedOperationException("being implemented");
    }

    /**
     * PHP {@code array_replace_recursive($base, $replacement)}: a new map with {@code base}'s entries, where every key
     * of {@code replacement} replaces base's value, recursing when both values are arrays (maps or lists).
     */
    public static Map<Object, Object> replaceRecursive(Map<?, ?> base, Map<?, ?> replacement) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** A PHP array value (map or list) as a map with normalised keys (lists get keys 0..n-1); a copy. */
    public static Map<Object, Object> asMap(Object phpArray) {
        throw new UnsupportedOperationException("being implemented");
    }
}
