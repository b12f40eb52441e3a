package org.jgateway.gateway.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PHP's {@code parse_str} for flat query strings, which is how workerman fills {@code $_GET} and {@code $_COOKIE}:
 * pairs split on {@code &} and the first {@code =}, {@code urldecode} ({@code +} is a space), pairs with an empty
 * name skipped, a repeated name keeps its first position but takes the last value, and PHP's name mangling (leading
 * spaces dropped, {@code .} and space turned into {@code _}, an unclosed {@code [} turned into {@code _}).
 * <p>
 * PHP's array syntax ({@code a[]=1}, {@code a[k]=1}) is not expanded: such names are kept as written. Decoded bytes
 * are read as UTF-8, so invalid sequences become U+FFFD where PHP would keep the raw bytes.
 */
final class PhpQueryString {

    private PhpQueryString() {
    }

    /** The variables of {@code query} (without the leading {@code ?}), in PHP's order; unmodifiable. */
    static Map<String, String> parse(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                addPair(vars, query, start, end);
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(vars);
    }

    /** The cookies of a {@code Cookie} header the way workerman reads them: {@code "; ?"} becomes {@code &}. */
    static Map<String, String> parseCookies(String cookieHeader) {
        if (cookieHeader == null || cookieHeader.isEmpty()) {
            return Map.of();
        }
        return parse(cookieHeader.replaceAll("; ?", "&"));
    }

    private static void addPair(Map<String, String> vars, String query, int start, int end) {
        int eq = query.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq >= end) {
            name = urlDecode(query, start, end);
            value = "";
        } else {
            name = urlDecode(query, start, eq);
            value = urlDecode(query, eq + 1, end);
        }
        name = mangleName(name);
        if (!name.isEmpty()) {
            vars.put(name, value);
        }
    }

    /** What PHP's {@code php_register_variable_ex} does to a variable name (array syntax aside). */
    static String mangleName(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == ' ') {
            i++;
        }
        StringBuilder out = new StringBuilder(name.length() - i);
        for (; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '.') {
                out.append('_');
            } else if (c == '[') {
                if (name.indexOf(']', i + 1) >= 0) {
                    // Array syntax: kept literally (not expanded), and PHP stops mangling at the first '['.
                    out.append(name, i, name.length());
                } else {
                    out.append('_').append(name, i + 1, name.length());
                }
                return out.toString();
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** PHP's {@code urldecode}: {@code +} is a space, {@code %XX} a byte, a malformed escape stays as it is. */
    static String urlDecode(String s, int start, int end) {
        int firstSpecial = start;
        while (firstSpecial < end && s.charAt(firstSpecial) != '%' && s.charAt(firstSpecial) != '+') {
            firstSpecial++;
        }
        if (firstSpecial == end) {
            return s.substring(start, end);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        byte[] plain = s.substring(start, firstSpecial).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        for (int i = firstSpecial; i < end; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && hexValue(s, i + 1, end) >= 0 && hexValue(s, i + 2, end) >= 0) {
                bytes.write(hexValue(s, i + 1, end) << 4 | hexValue(s, i + 2, end));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < end) {
                    encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(String s, int index, int end) {
        if (index >= end) {
            return -1;
        }
        char c = s.charAt(index);
        // Only ASCII hex digits: Character.digit would also accept other scripts' digits.
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
