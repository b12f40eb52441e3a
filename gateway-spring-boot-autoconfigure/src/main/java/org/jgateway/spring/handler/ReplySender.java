package org.jgateway.spring.handler;

import org.jgateway.worker.EventContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a handler method's return value to the client whose event it handled: {@code String} as it is,
 * {@code byte[]} as they are, anything else as JSON. JSON is written with the mapper that binds incoming messages
 * rather than left to the Gateway API's own, so that replies and requests follow the same application settings.
 */
final class ReplySender {

    private final JsonMapper jsonMapper;

    ReplySender(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    void send(Object reply, EventContext context) {
        if (reply == null) {
            return;
        }
        boolean asIs = reply instanceof String || reply instanceof byte[];
        Object message = asIs ? reply : jsonMapper.writeValueAsBytes(reply);
        context.api().sendToCurrentClient(message);
    }
}
