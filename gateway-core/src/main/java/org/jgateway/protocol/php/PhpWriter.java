package org.jgateway.protocol.php;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/** Walks a Java value and writes PHP {@code serialize()} tokens to a {@link PhpSink}. One instance per call. */
final class PhpWriter {

    private static final byte[] NULL = {'N', ';'};
    private static final byte[] TRUE = {'b', ':', '1', ';'};
    private static final byte[] FALSE = {'b', ':', '0', ';'};

    private final PhpSink out;
    private final byte[] scratch = new byte[PhpDoubles.SCRATCH_SIZE];

    PhpWriter(PhpSink out) {
        this.out = out;
    }

    void write(Object value, int depth) {
        if (value instanceof CharSequence) {
            writeString((CharSequence) value);
        } else if (value == null) {
            out.writeBytes(NULL, 0, NULL.length);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            writeInt(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            byte[] token = (Boolean) value ? TRUE : FALSE;
            out.writeBytes(token, 0, token.length);
        } else if (value instanceof Double) {
            writeDouble((Double) value);
        } else if (value instanceof Float) {
            // The float's own shortest decimal (0.1f → 0.1), not its binary expansion 0.10000000149011612.
            writeDouble(Double.parseDouble(value.toString()));
        } else if (value instanceof byte[]) {
            writeBytes((byte[]) value);
        } else if (value instanceof Map) {
            writeMap((Map<?, ?>) value, enter(depth));
        } else if (value instanceof Iterable) {
            writeList((Iterable<?>) value, enter(depth));
        } else {
            throw new PhpSerializationException("Cannot serialize a " + value.getClass().getName()
                    + " (only null, booleans, integers, floats, strings, byte[], maps and iterables)");
        }
    }

    private static int enter(int depth) {
        if (depth >= PhpSerializer.MAX_DEPTH) {
            throw new PhpSerializationException(
                    "Arrays nested deeper than " + PhpSerializer.MAX_DEPTH + " levels (a cyclic structure?)");
        }
        return depth + 1;
    }

    private void writeInt(long v) {
        out.writeByte('i');
        out.writeByte(':');
        writeLong(v);
        out.writeByte(';');
    }

    private void writeDouble(double v) {
        out.writeByte('d');
        out.writeByte(':');
        out.writeBytes(scratch, 0, PhpDoubles.format(v, scratch));
        out.writeByte(';');
    }

    private void writeString(CharSequence s) {
        int length = Utf8.encodedLength(s);
        writeStringHeader(length);
        out.writeUtf8(s, length);
        out.writeByte('"');
        out.writeByte(';');
    }

    private void writeBytes(byte[] bytes) {
        writeStringHeader(bytes.length);
        out.writeBytes(bytes, 0, bytes.length);
        out.writeByte('"');
        out.writeByte(';');
    }

    private void writeStringHeader(int length) {
        out.writeByte('s');
        out.writeByte(':');
        writeLong(length);
        out.writeByte(':');
        out.writeByte('"');
    }

    private void writeArrayHeader(int count) {
        out.writeByte('a');
        out.writeByte(':');
        writeLong(count);
        out.writeByte(':');
        out.writeByte('{');
    }

    private void writeMap(Map<?, ?> map, int depth) {
        if (isConcurrent(map)) {
            map = new LinkedHashMap<>(map); // its size may change while we iterate
        }
        if (mayHaveCollidingKeys(map)) {
            map = PhpArrays.asMap(map);
        }
        int count = map.size();
        writeArrayHeader(count);
        int written = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeKey(e.getKey());
            write(e.getValue(), depth);
            written++;
        }
        checkCount(count, written);
        out.writeByte('}');
    }

    private void writeList(Iterable<?> values, int depth) {
        Collection<?> items;
        if (values instanceof Collection && !isConcurrent(values)) {
            items = (Collection<?>) values;
        } else {
            List<Object> copy = new ArrayList<>();
            values.forEach(copy::add);
            items = copy;
        }
        int count = items.size();
        writeArrayHeader(count);
        long index = 0;
        for (Object item : items) {
            writeInt(index++);
            write(item, depth);
        }
        checkCount(count, (int) index);
        out.writeByte('}');
    }

    /** Concurrent containers can change between size() and iteration, so they are snapshotted first. */
    private static boolean isConcurrent(Object container) {
        return container instanceof ConcurrentMap || container.getClass().getName().startsWith("java.util.concurrent.");
    }

    private static void checkCount(int declared, int written) {
        if (declared != written) {
            throw new PhpSerializationException(
                    "Collection changed while being serialized (" + declared + " entries declared, " + written + " written)");
        }
    }

    /**
     * Distinct Java keys of one kind (all String, all Long, all Integer...) stay distinct PHP keys; mixing kinds can
     * make two of them one PHP key ({@code "1"} and {@code 1L}), which {@link PhpArrays#asMap} merges the PHP way.
     */
    private static boolean mayHaveCollidingKeys(Map<?, ?> map) {
        Class<?> kind = null;
        for (Object key : map.keySet()) {
            if (key == null || key instanceof byte[] || key instanceof Double || key instanceof Float) {
                return true;
            }
            if (kind == null) {
                kind = key.getClass();
            } else if (kind != key.getClass()) {
                return true;
            }
        }
        return false;
    }

    private void writeKey(Object key) {
        if (key instanceof String) {
            String s = (String) key;
            if (PhpKeys.isCanonicalInteger(s)) {
                // A canonical integer string is already the decimal form of its i: key.
                out.writeByte('i');
                out.writeByte(':');
                for (int i = 0; i < s.length(); i++) {
                    out.writeByte(s.charAt(i));
                }
                out.writeByte(';');
            } else {
                writeString(s);
            }
            return;
        }
        Object normalized = PhpArrays.normalizeKey(key);
        if (normalized instanceof Long) {
            writeInt((Long) normalized);
        } else {
            writeString((String) normalized);
        }
    }

    private void writeLong(long v) {
        // Digits are produced backwards into the scratch tail; negative arithmetic covers Long.MIN_VALUE.
        int end = scratch.length;
        int p = end;
        long n = v < 0 ? v : -v;
        do {
            scratch[--p] = (byte) ('0' - (n % 10));
            n /= 10;
        } while (n != 0);
        if (v < 0) {
            scratch[--p] = '-';
        }
        out.writeBytes(scratch, p, end - p);
    }
}
