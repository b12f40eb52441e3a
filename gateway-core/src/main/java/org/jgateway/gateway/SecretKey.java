package org.jgateway.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared secret of inner connections, checked in constant time. */
final class SecretKey {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final byte[] expected;

    SecretKey(String secret) {
        this.expected = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return expected.length > 0;
    }

    /** Whether an auth body ({@code {"secret_key":"…", …}}) carries the secret; false for malformed JSON. */
    boolean matches(byte[] authBody) {
        return matches(field(authBody, "secret_key"));
    }

    /** Whether {@code given} is the secret (in-JVM attachments pass it as it is). */
    boolean matches(String given) {
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A string field of a JSON object body, or null. */
    static String field(byte[] body, String name) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode value = node == null ? null : node.get(name);
            return value != null && value.isValueNode() ? value.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
