package org.jgateway.gateway;

import java.util.Arrays;
import java.util.Iterator;
import org.jgateway.protocol.php.PhpJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reading the JSON {@code ext_data} of commands the way PHP's {@code json_decode($ext, true)} and array-key rules
 * would see it. Ids (uids, groups, connection ids) are used by PHP as array keys, so a JSON value is turned into the
 * string of the key PHP would use: {@code 1} and {@code "1"} both become {@code "1"}.
 */
final class CommandJson {

    private static final int[] NO_IDS = {};
    private static final long MAX_CONNECTION_ID = 0xffffffffL;

    private CommandJson() {
    }

    /** Parses {@code ext} as one JSON value; empty input gives a missing node (PHP's {@code json_decode('')} is null). */
    static JsonNode parse(int cmd, byte[] ext) {
        try {
            JsonNode node = PhpJson.MAPPER.readTree(ext);
            return node != null ? node : MissingNode.getInstance();
        } catch (JacksonException e) {
            throw new InvalidCommandException(cmd, "ext_data is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code ext} and requires a JSON object. */
    static JsonNode parseObject(int cmd, byte[] ext) {
        JsonNode node = parse(cmd, ext);
        if (!node.isObject()) {
            throw new InvalidCommandException(cmd, "ext_data is not a JSON object");
        }
        return node;
    }

    /**
     * The values of a JSON list (or object, whose values PHP's {@code foreach} iterates) as array-key strings.
     *
     * @throws InvalidCommandException if {@code node} is not a list or object, or holds a nested container
     */
    static String[] keys(int cmd, JsonNode node, String what) {
        if (node == null || !node.isContainer()) {
            throw new InvalidCommandException(cmd, what + " is not a JSON list");
        }
        String[] keys = new String[node.size()];
        int i = 0;
        for (JsonNode value : node) {
            keys[i++] = key(cmd, value, what);
        }
        return keys;
    }

    /** A scalar JSON value as the PHP array key it denotes. */
    static String key(int cmd, JsonNode value, String what) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? Long.toString(value.longValue()) : value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            // PHP truncates a float key towards zero.
            return Long.toString((long) value.doubleValue());
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "0";
        }
        if (value.isNull()) {
            return "";
        }
        throw new InvalidCommandException(cmd, what + " holds a nested " + value.getNodeType());
    }

    /**
     * The connection ids a JSON list or object denotes, as u32 bits, skipping entries that cannot be a connection
     * id ({@code isset()} on them is false in PHP). For an object {@code useKeys} selects its keys (PHP's
     * {@code isset($exclude[$id])}) rather than its values; a list always gives its values.
     */
    static int[] connectionIds(int cmd, JsonNode node, boolean useKeys, String what) {
        if (node == null || node.isNull()) {
            return NO_IDS;
        }
        if (!node.isContainer()) {
            if (isPhpEmpty(node)) {
                return NO_IDS;
            }
            throw new InvalidCommandException(cmd, what + " is not a JSON list or object");
        }
        int[] ids = new int[node.size()];
        int n = 0;
        if (useKeys && node.isObject()) {
            Iterator<String> names = node.propertyNames().iterator();
            while (names.hasNext()) {
                long id = connectionId(names.next());
                if (id > 0) {
                    ids[n++] = (int) id;
                }
            }
        } else {
            for (JsonNode value : node) {
                long id = connectionId(key(cmd, value, what));
                if (id > 0) {
                    ids[n++] = (int) id;
                }
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    /** PHP's {@code empty()} for a JSON scalar: {@code ""}, {@code "0"}, {@code 0}, {@code false}, {@code null}. */
    static boolean isPhpEmpty(JsonNode node) {
        if (node.isString()) {
            String s = node.stringValue();
            return s.isEmpty() || s.equals("0");
        }
        if (node.isNumber()) {
            return node.doubleValue() == 0;
        }
        if (node.isBoolean()) {
            return !node.booleanValue();
        }
        return node.isNull();
    }

    /** A connection id given as PHP array key text, or -1 if the text is not a canonical decimal in 1..2^32-1. */
    static long connectionId(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || key.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_CONNECTION_ID ? value : -1;
    }
}
