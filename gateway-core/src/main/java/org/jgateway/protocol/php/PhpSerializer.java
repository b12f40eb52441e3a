package org.jgateway.protocol.php;

/**
 * PHP {@code serialize()} for the values the gateway protocol carries.
 * <p>
 * Mapping: {@code null} → {@code N;}, {@link Boolean} → {@code b:}, {@link Long}/{@link Integer}/{@link Short}/
 * {@link Byte} → {@code i:}, {@link Double}/{@link Float} → {@code d:} (PHP's shortest round-trip form, {@code INF},
 * {@code -INF}, {@code NAN}), {@link CharSequence} → {@code s:} with the UTF-8 byte length, {@code byte[]} → {@code s:}
 * with the bytes as they are, {@link java.util.Map} → {@code a:} (keys normalised like PHP array keys: canonical
 * decimal strings and integral numbers become {@code i:}, other keys {@code s:}), {@link java.util.List} and other
 * {@link Iterable}s → {@code a:} with keys 0..n-1.
 */
public final class PhpSerializer {

    private PhpSerializer() {
    }

    /**
     * Serializes {@code value}.
     *
     * @throws PhpSerializationException for a type outside the mapping above (objects are not serialized)
     */
    public static byte[] serialize(Object value) {
        throw new UnsupportedOperationException("being implemented");
    }
}
