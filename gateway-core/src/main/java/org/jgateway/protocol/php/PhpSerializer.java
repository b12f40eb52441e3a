package org.jgateway.protocol.php;

import io.netty.buffer.ByteBuf;

/**
 * PHP {@code serialize()} for the values the gateway protocol carries.
 * <p>
 * Mapping: {@code null} → {@code N;}, {@link Boolean} → {@code b:}, {@link Long}/{@link Integer}/{@link Short}/
 * {@link Byte} → {@code i:}, {@link Double}/{@link Float} → {@code d:} (PHP's shortest round-trip form, {@code INF},
 * {@code -INF}, {@code NAN}), {@link CharSequence} → {@code s:} with the UTF-8 byte length, {@code byte[]} → {@code s:}
 * with the bytes as they are, {@link java.util.Map} → {@code a:} (keys normalised like PHP array keys: canonical
 * decimal strings and integral numbers become {@code i:}, other keys {@code s:}), {@link java.util.List} and other
 * {@link Iterable}s → {@code a:} with keys 0..n-1.
 * <p>
 * Details: doubles print like PHP 8 with {@code serialize_precision=-1} ({@code d:0.1;}, {@code d:2;}, {@code d:-0;},
 * {@code d:1.0E+25;}, {@code d:1.5E-7;}; scientific below 1e-4 and from 1e17 up). A {@link Float} is written as its own
 * shortest decimal ({@code 0.1f} → {@code d:0.1;}). Unpaired UTF-16 surrogates in strings become {@code '?'}. When two
 * map keys are the same PHP key ({@code "1"} and {@code 1L}), the later value wins at the earlier key's position, as
 * in a PHP array literal. Concurrent maps and collections are snapshotted before writing.
 */
public final class PhpSerializer {

    /** Deepest array nesting written; deeper (typically cyclic) structures are rejected instead of overflowing the stack. */
    public static final int MAX_DEPTH = 1024;

    private PhpSerializer() {
    }

    /**
     * Serializes {@code value}.
     *
     * @throws PhpSerializationException for a type outside the mapping above (objects are not serialized)
     */
    public static byte[] serialize(Object value) {
        ByteArraySink sink = new ByteArraySink(64);
        new PhpWriter(sink).write(value, 0);
        return sink.toByteArray();
    }

    /**
     * Appends the serialized form of {@code value} to {@code out}, avoiding the intermediate array of
     * {@link #serialize(Object)}. On failure {@code out}'s writer index is restored, so nothing partial remains.
     *
     * @throws PhpSerializationException for a type outside the mapping above
     */
    public static void serialize(Object value, ByteBuf out) {
        int writerIndex = out.writerIndex();
        try {
            new PhpWriter(new ByteBufSink(out)).write(value, 0);
        } catch (RuntimeException e) {
            out.writerIndex(writerIndex);
            throw e;
        }
    }
}
