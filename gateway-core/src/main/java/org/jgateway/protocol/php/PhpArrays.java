package org.jgateway.protocol.php;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** PHP array semantics on the Java values of {@link PhpUnserializer}. */
public final class PhpArrays {

    private static final double TWO_TO_63 = 0x1p63;

    private PhpArrays() {
    }

    /**
     * The key PHP would store: a {@link String} that is a canonical decimal integer in the 64-bit range ({@code "1"},
     * {@code "-5"}, not {@code "01"}, {@code "+1"}, {@code "1.0"}) becomes that {@link Long}; integral numbers become
     * {@link Long}; other strings stay strings; booleans become 0/1; null becomes {@code ""}.
     * <p>
     * Other {@link CharSequence}s count as their string; a {@code byte[]} counts as the string it encodes in UTF-8.
     *
     * @throws PhpSerializationException for a key PHP cannot hold without loss: a float with a fraction, NaN or out of
     *         the 64-bit range, a {@code byte[]} that is not UTF-8, or any other type
     */
    public static Object normalizeKey(Object key) {
        if (key instanceof String) {
            String s = (String) key;
            return PhpKeys.isCanonicalInteger(s) ? (Object) Long.parseLong(s) : s;
        }
        if (key instanceof Long) {
            return key;
        }
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        if (key == null) {
            return "";
        }
        if (key instanceof Boolean) {
            return (Boolean) key ? 1L : 0L;
        }
        if (key instanceof CharSequence) {
            return normalizeKey(key.toString());
        }
        if (key instanceof byte[]) {
            byte[] b = (byte[]) key;
            if (PhpKeys.isCanonicalInteger(b, 0, b.length)) {
                return PhpKeys.parseCanonical(b, 0, b.length);
            }
            if (!Utf8.isValid(b, 0, b.length)) {
                throw new PhpSerializationException("A byte[] array key must be valid UTF-8");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        if (key instanceof Double || key instanceof Float) {
            double d = ((Number) key).doubleValue();
            if (d != Math.rint(d) || d >= TWO_TO_63 || d < -TWO_TO_63) {
                throw new PhpSerializationException("A float array key must be integral and within 64 bits: " + key);
            }
            return (long) d;
        }
        throw new PhpSerializationException("Not a PHP array key type: " + key.getClass().getName());
    }

    /**
     * PHP {@code array_replace_recursive($base, $replacement)}: a new map with {@code base}'s entries, where every key
     * of {@code replacement} replaces base's value, recursing when both values are arrays (maps or lists).
     * <p>
     * Keys are normalised; new keys go to the end. An array produced by the recursion is a list when its keys are
     * 0..n-1 in order, else a map, like {@link PhpUnserializer} would return it. Values off the replaced paths are
     * shared with the inputs, not copied.
     */
    public static Map<Object, Object> replaceRecursive(Map<?, ?> base, Map<?, ?> replacement) {
        Map<Object, Object> result = asMap(base);
        for (Map.Entry<?, ?> e : replacement.entrySet()) {
            Object key = normalizeKey(e.getKey());
            Object value = e.getValue();
            Object current = result.get(key);
            if (isArray(value) && isArray(current)) {
                value = canonical(replaceRecursive(asMap(current), asMap(value)));
            }
            result.put(key, value);
        }
        return result;
    }

    /**
     * A PHP array value (map or list) as a map with normalised keys (lists get keys 0..n-1); a copy.
     * <p>
     * Any {@link Iterable} counts as a list. Map keys that normalise to the same PHP key merge: the later value wins
     * at the earlier key's position.
     *
     * @throws PhpSerializationException if {@code phpArray} is neither a map nor an iterable, or a key cannot be
     *         normalised
     */
    public static Map<Object, Object> asMap(Object phpArray) {
        if (phpArray instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) phpArray;
            Map<Object, Object> result = new LinkedHashMap<>(Math.max(16, map.size() * 4 / 3 + 1));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result.put(normalizeKey(e.getKey()), e.getValue());
            }
            return result;
        }
        if (phpArray instanceof Iterable) {
            Map<Object, Object> result = new LinkedHashMap<>();
            long index = 0;
            for (Object item : (Iterable<?>) phpArray) {
                result.put(index++, item);
            }
            return result;
        }
        throw new PhpSerializationException(
                "Not a PHP array: " + (phpArray == null ? "null" : phpArray.getClass().getName()));
    }

    static boolean isArray(Object value) {
        return value instanceof Map || value instanceof Iterable;
    }

    /** The list form of {@code map} when it is non-empty and keyed 0..n-1 in order, else {@code map} itself. */
    static Object canonical(Map<Object, Object> map) {
        if (map.isEmpty()) {
            return map;
        }
        long expected = 0;
        for (Iterator<Object> keys = map.keySet().iterator(); keys.hasNext(); expected++) {
            Object key = keys.next();
            if (!(key instanceof Long) || (Long) key != expected) {
                return map;
            }
        }
        return new ArrayList<>(map.values());
    }
}
