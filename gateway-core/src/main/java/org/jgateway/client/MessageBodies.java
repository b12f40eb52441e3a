package org.jgateway.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jgateway.protocol.php.PhpStrings;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an API message into the bytes of a frame body, following {@link GatewayApi}'s rules. Every body is sent with
 * the scalar flag, so PHP gateways and ours forward the bytes without unserializing anything.
 */
final class MessageBodies {

    private final JsonMapper json;

    MessageBodies(JsonMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * @throws IllegalArgumentException for a null message or one Jackson cannot write
     */
    byte[] toBytes(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        if (message instanceof byte[] bytes) {
            return bytes;
        }
        if (message instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof Boolean b) {
            return PhpStrings.of(b).getBytes(StandardCharsets.US_ASCII);
        }
        if (message instanceof Number n) {
            return PhpStrings.of(n).getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return json.writeValueAsBytes(message);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot write message of type " + message.getClass().getName()
                    + " as JSON: " + e.getMessage(), e);
        }
    }
}
