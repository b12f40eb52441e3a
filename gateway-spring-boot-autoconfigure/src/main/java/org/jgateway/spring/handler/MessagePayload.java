package org.jgateway.spring.handler;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One received message and its conversions. The text and the JSON tree are computed at most once, so that routing
 * and the parameters of every method the message goes to share them. Confined to the event's thread.
 */
final class MessagePayload {

    private final byte[] bytes;
    private final JsonMapper jsonMapper;
    private String text;
    private JsonNode tree;
    private boolean parsed;
    private JacksonException treeFailure;

    MessagePayload(byte[] bytes, JsonMapper jsonMapper) {
        this.bytes = bytes;
        this.jsonMapper = jsonMapper;
    }

    byte[] bytes() {
        return bytes;
    }

    String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /**
     * The value of the string field {@code field} when the message is a JSON object that has one, else null. Only
     * messages that look like an object are parsed: plain text is common and must not cost a parse failure each.
     */
    String routingValue(String field) {
        if (!startsLikeObject()) {
            return null;
        }
        JsonNode root = treeOrNull();
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode value = root.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The message as a JSON tree. @throws MessageBindingException when it is not JSON */
    JsonNode tree() {
        JsonNode root = treeOrNull();
        if (root == null) {
            throw new MessageBindingException("The message is not JSON: " + preview(), treeFailure);
        }
        return root;
    }

    /** The message bound to {@code type}. @throws MessageBindingException when it is not JSON or does not fit */
    Object bind(JavaType type) {
        try {
            // Reuse the tree when routing already parsed the message.
            return tree != null ? jsonMapper.treeToValue(tree, type) : jsonMapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new MessageBindingException("Cannot bind the message to " + type.toCanonical() + ": "
                    + e.getOriginalMessage() + " (message: " + preview() + ")", e);
        }
    }

    private JsonNode treeOrNull() {
        if (!parsed) {
            parsed = true;
            try {
                JsonNode root = jsonMapper.readTree(bytes);
                // Empty content reads as "missing": not a JSON value either.
                tree = root == null || root.isMissingNode() ? null : root;
            } catch (JacksonException e) {
                treeFailure = e;
            }
        }
        return tree;
    }

    private boolean startsLikeObject() {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private String preview() {
        String t = text();
        return t.length() <= 64 ? '"' + t + '"' : '"' + t.substring(0, 64) + "\"... (" + bytes.length + " bytes)";
    }
}
