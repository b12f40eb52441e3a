package org.jgateway.protocol.php;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** PHP's {@code json_encode} of the values {@link PhpUnserializer} produces, and JSON read as strictly as PHP. */
public final class PhpJson {

    /**
     * JSON reading that rejects trailing tokens, and writing like PHP's {@code json_encode}: PHP escapes {@code /} as
     * {@code \/} and writes {@code \u001f}-style escapes in lower case.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PhpJson() {
    }

    /**
     * {@code json_encode($value, JSON_UNESCAPED_UNICODE | JSON_PARTIAL_OUTPUT_ON_ERROR)}: floats in their shortest
     * round-trip form ({@code 1.0e+25}), an empty array as {@code []}, an array with keys 0..n-1 in order as a list;
     * an infinite or NaN float is written as {@code 0}, as PHP's partial output does.
     *
     * @throws IllegalArgumentException for a string that is not UTF-8 (a {@code byte[]}), which PHP cannot encode
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
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
                json.writeNumber(0);
            } else {
                json.writeNumber(PhpDoubles.toString(d, PhpDoubles.Conversion.JSON_ENCODE));
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
}
