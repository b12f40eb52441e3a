package org.jgateway.gateway;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How PHP turns a message value into the bytes a client receives: scalars become their PHP string form
 * ({@code (string)$value}), arrays are {@code json_encode}d with {@code JSON_UNESCAPED_UNICODE} (what workerman's
 * WebSocket encoder does with non-scalars). The values are those of
 * {@link org.jgateway.protocol.php.PhpUnserializer}.
 */
final class PhpValues {

    /**
     * JSON reading for {@code ext_data} and writing like PHP's {@code json_encode}: PHP escapes {@code /} as
     * {@code \/} and writes {@code \u001f}-style escapes in lower case.
     */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** PHP's {@code precision} ini default, used by {@code (string)$float}. */
    private static final int STRING_PRECISION = 14;
    /** {@code serialize_precision = -1}: shortest round-trip digits, as {@code json_encode} writes floats. */
    private static final int SHORTEST = -1;

    private static final byte[] TRUE = {'1'};
    private static final byte[] EMPTY = {};

    private PhpValues() {
    }

    /**
     * The bytes a client receives for a PHP value, or null for PHP {@code null} (nothing is sent).
     *
     * @throws IllegalArgumentException for an array holding a string that is not UTF-8 ({@code json_encode} fails)
     */
    static byte[] toMessage(Object value) {
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
        if (value instanceof Double d) {
            return formatDouble(d, STRING_PRECISION, 'E').getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof Number n) {
            return Long.toString(n.longValue()).getBytes(StandardCharsets.US_ASCII);
        }
        return jsonEncode(value);
    }

    /** PHP {@code json_encode($value, JSON_UNESCAPED_UNICODE)} of an unserialized value. */
    static byte[] jsonEncode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, value);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator json, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                // json_encode reports "Inf and NaN cannot be JSON encoded" and substitutes 0.
                json.writeNumber(0);
            } else {
                json.writeNumber(formatDouble(d, SHORTEST, 'e'));
            }
        } else if (value instanceof Number n) {
            json.writeNumber(n.longValue());
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                // An empty PHP array is a list: json_encode([]) is "[]".
                json.writeStartArray();
                json.writeEndArray();
                return;
            }
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof byte[]) {
            throw new IllegalArgumentException("Malformed UTF-8 characters, possibly incorrectly encoded");
        } else {
            throw new IllegalArgumentException("Not a PHP value: " + value.getClass().getName());
        }
    }

    /**
     * PHP's {@code php_gcvt}: {@code precision} significant digits ({@value #SHORTEST} = the shortest round-trip
     * form with a threshold of 17), exponential form when the exponent is below -4 or at least the precision
     * ({@code 1.0E+25}, {@code 1.0E-5}), otherwise plain digits without trailing zeros.
     */
    static String formatDouble(double value, int precision, char expChar) {
        if (Double.isNaN(value)) {
            return "NAN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "INF" : "-INF";
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double abs = Math.abs(value);
        String digits;
        int decpt;
        int threshold;
        if (abs == 0) {
            digits = "0";
            decpt = 1;
            threshold = precision == SHORTEST ? 17 : precision;
        } else {
            BigDecimal decimal;
            if (precision == SHORTEST) {
                decimal = new BigDecimal(Double.toString(abs));
                threshold = 17;
            } else {
                decimal = new BigDecimal(abs).round(new MathContext(precision, RoundingMode.HALF_EVEN));
                threshold = precision;
            }
            decimal = decimal.stripTrailingZeros();
            digits = decimal.unscaledValue().toString();
            decpt = digits.length() - decimal.scale();
        }
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (decpt < 0 ? decpt < -3 : decpt > threshold) {
            int exponent = decpt - 1;
            out.append(digits.charAt(0)).append('.');
            out.append(digits.length() == 1 ? "0" : digits.substring(1));
            out.append(expChar).append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decpt <= 0) {
            out.append("0.");
            for (int i = decpt; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            for (int i = 0; i < decpt; i++) {
                out.append(i < digits.length() ? digits.charAt(i) : '0');
            }
            if (digits.length() > decpt) {
                out.append('.').append(digits, decpt, digits.length());
            }
        }
        return out.toString();
    }
}
