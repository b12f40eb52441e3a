package org.jgateway.protocol.php;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jgateway.protocol.ProtocolException;

/**
 * Reading the values {@link PhpUnserializer} produces (out of query replies), and the bytes a client receives for one.
 * A PHP array arrives as a list when its keys happen to be 0..n-1 and as a map otherwise, so every accessor accepts
 * both.
 */
public final class PhpValues {

    private static final byte[] TRUE = {'1'};
    private static final byte[] EMPTY = {};

    private PhpValues() {
    }

    /**
     * The bytes a client receives when a PHP gateway sends this value: scalars as {@code (string)$value}, arrays
     * {@code json_encode}d with {@code JSON_UNESCAPED_UNICODE} (what workerman's WebSocket encoder does with
     * non-scalars); null for PHP {@code null} (nothing is sent).
     *
     * @throws IllegalArgumentException for an array holding a string that is not UTF-8 ({@code json_encode} fails)
     */
    public static byte[] toClientBytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Boolean b) {
            return b ? TRUE : EMPTY;
        }
        if (value instanceof Number n) {
            return PhpStrings.of(n).getBytes(StandardCharsets.US_ASCII);
        }
        return PhpJson.encode(value);
    }

    /** Calls {@code action} with each key and value of a PHP array (list indexes as {@link Long} keys). */
    public static void forEach(Object array, BiConsumer<Object, Object> action) {
        if (array instanceof Map<?, ?> map) {
            map.forEach(action);
        } else if (array instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                action.accept((long) i, list.get(i));
            }
        } else {
            throw new ProtocolException("expected a PHP array, got " + describe(array));
        }
    }

    /** The values of a PHP array, in order. */
    public static List<Object> values(Object array) {
        List<Object> out = new ArrayList<>();
        forEach(array, (k, v) -> out.add(v));
        return out;
    }

    /** Whether {@code value} is a PHP array. */
    public static boolean isArray(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }

    /** A PHP integer (or numeric string, which PHP would compare equal). */
    public static long toLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new ProtocolException("expected an integer, got string '" + s + "'");
            }
        }
        throw new ProtocolException("expected an integer, got " + describe(value));
    }

    /** An id (group, uid, array key) as the string Java callers use: PHP int keys print in decimal. */
    public static String toText(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof String || value instanceof Long) {
            return value.toString();
        }
        throw new ProtocolException("expected a string or integer, got " + describe(value));
    }

    /** A connection property GatewayWorker treats as set: not null and not {@code ''} ({@code "0"} counts as set). */
    public static boolean isPresent(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof byte[] bytes) {
            return bytes.length > 0;
        }
        return true;
    }

    /** A PHP-serialized session string kept inside a reply: {@code ''} (never set) → empty map. */
    public static Map<String, Object> sessionFromString(Object stored) {
        byte[] bytes;
        if (stored == null) {
            return new LinkedHashMap<>();
        } else if (stored instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else if (stored instanceof byte[] b) {
            bytes = b;
        } else {
            throw new ProtocolException("expected a serialized session string, got " + describe(stored));
        }
        if (bytes.length == 0) {
            return new LinkedHashMap<>();
        }
        Object session = PhpUnserializer.unserialize(bytes);
        return session == null ? new LinkedHashMap<>() : session(session);
    }

    /** An unserialized session array as a map with string keys (PHP int keys in decimal), values as they are. */
    public static Map<String, Object> session(Object array) {
        if (!isArray(array)) {
            throw new ProtocolException("a session must be a PHP array, got " + describe(array));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        forEach(array, (k, v) -> out.put(toText(k), v));
        return out;
    }

    public static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
