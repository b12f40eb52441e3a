package org.jgateway.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared secret of a cluster ({@code secretKey}), checked in constant time so it cannot be guessed byte by byte
 * from response timing: by gateways on inner connections and by registers on theirs.
 */
public final class SecretKey {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final byte[] expected;

    public SecretKey(String secret) {
        this.expected = secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean required() {
        return expected.length > 0;
    }

    /** Whether an auth body ({@code {"secret_key":"…", …}}) carries the secret; false for malformed JSON. */
    public boolean matches(byte[] authBody) {
        return matches(field(authBody, "secret_key"));
    }

    /** Whether {@code given} is the secret (in-JVM attachments pass it as it is). */
    public boolean matches(String given) {
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A string field of a JSON object body, or null. */
    public static String field(byte[] body, String name) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode value = node == null ? null : node.get(name);
            return value != null && value.isValueNode() ? value.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
