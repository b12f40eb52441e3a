package org.jgateway.protocol.register;

import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jgateway.protocol.PeerTimeout;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text form of {@link RegisterMessage}s: one JSON object per line.
 * <p>
 * Encoding reproduces PHP GatewayWorker's bytes exactly whenever there is nothing to escape: the gateway's line is
 * string-concatenated in PHP (with a space after each comma), the others are compact. Unlike PHP, strings are
 * always JSON-escaped, in the style of PHP's {@code json_encode} ({@code \/}, {@code \u00e9}), so a secret with a
 * quote in it still yields valid JSON.
 * <p>
 * Decoding accepts what PHP's register and workers accept: {@code addresses} as a JSON list or as a JSON object
 * (PHP's {@code array_unique} leaves holes, which {@code json_encode} turns into {@code {"0":"a","2":"b"}}), and a
 * missing or {@code null} {@code secret_key} taken as {@code ""}, as PHP's register does.
 */
public final class RegisterCodec {

    /** Longest accepted line, 64 KiB: room for a few thousand gateway addresses. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private static final int EXCERPT_LENGTH = 120;
    private static final Pattern SECRET_VALUE = Pattern.compile("(\"secret_key\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII, JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String PING_LINE = "{\"event\":\"ping\"}";

    private RegisterCodec() {
    }

    /**
     * A line framer for the register protocol: splits on {@code \n} (dropping a preceding {@code \r}, as workerman's
     * Text protocol does) and fails fast on a line longer than {@code maxLineLength}.
     */
    public static LineBasedFrameDecoder newLineDecoder(int maxLineLength) {
        return new LineBasedFrameDecoder(maxLineLength, true, true);
    }

    /** The line for {@code message}, without the terminating {@code \n}. */
    public static String encode(RegisterMessage message) {
        if (message instanceof RegisterMessage.GatewayConnect gateway) {
            return "{\"event\":\"gateway_connect\", \"address\":" + quote(gateway.address())
                    + ", \"secret_key\":" + quote(gateway.secretKey()) + "}";
        }
        if (message instanceof RegisterMessage.WorkerConnect worker) {
            return "{\"event\":\"worker_connect\",\"secret_key\":" + quote(worker.secretKey()) + "}";
        }
        if (message instanceof RegisterMessage.Ping ping) {
            return ping.asksForAnswer()
                    ? "{\"event\":\"ping\",\"" + PeerTimeout.FIELD + "\":" + ping.peerTimeoutMillis() + "}"
                    : PING_LINE;
        }
        RegisterMessage.BroadcastAddresses broadcast = (RegisterMessage.BroadcastAddresses) message;
        ObjectNode root = MAPPER.createObjectNode();
        root.put("event", RegisterMessage.BroadcastAddresses.EVENT);
        ArrayNode addresses = root.putArray("addresses");
        broadcast.addresses().forEach(addresses::add);
        return MAPPER.writeValueAsString(root);
    }

    /** The UTF-8 bytes of the line for {@code message}, terminating {@code \n} included. */
    public static byte[] encodeLine(RegisterMessage message) {
        return (encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses one line (without its terminator).
     *
     * @throws RegisterProtocolException if the line is not a register message
     */
    public static RegisterMessage decode(String line) {
        return decode(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses one line of UTF-8 bytes (without its terminator).
     *
     * @throws RegisterProtocolException if the line is not a register message
     */
    public static RegisterMessage decode(byte[] line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw malformed("not JSON (" + shorten(e.getOriginalMessage()) + ")", line);
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("empty line", line);
        }
        if (!root.isObject()) {
            throw malformed("expected a JSON object, got " + root.getNodeType().name().toLowerCase(), line);
        }
        String event = requiredString(root, "event", line);
        switch (event) {
            case RegisterMessage.GatewayConnect.EVENT:
                return new RegisterMessage.GatewayConnect(requiredString(root, "address", line), secretKey(root, line));
            case RegisterMessage.WorkerConnect.EVENT:
                return new RegisterMessage.WorkerConnect(secretKey(root, line));
            case RegisterMessage.Ping.EVENT:
                JsonNode peerTimeout = root.get(PeerTimeout.FIELD);
                return peerTimeout != null && peerTimeout.canConvertToLong() && peerTimeout.asLong() > 0
                        ? new RegisterMessage.Ping(peerTimeout.asLong()) : RegisterMessage.Ping.INSTANCE;
            case RegisterMessage.BroadcastAddresses.EVENT:
                return new RegisterMessage.BroadcastAddresses(addresses(root, line));
            default:
                throw malformed("unknown event \"" + event + "\"", line);
        }
    }

    private static String quote(String value) {
        return MAPPER.writeValueAsString(value);
    }

    private static String requiredString(JsonNode root, String name, byte[] line) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw malformed("missing \"" + name + "\"", line);
        }
        if (!node.isString()) {
            throw malformed("\"" + name + "\" must be a string", line);
        }
        return node.stringValue();
    }

    private static String secretKey(JsonNode root, byte[] line) {
        JsonNode node = root.get("secret_key");
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            throw malformed("\"secret_key\" must be a string", line);
        }
        return node.stringValue();
    }

    private static List<String> addresses(JsonNode root, byte[] line) {
        JsonNode node = root.get("addresses");
        if (node == null || node.isNull()) {
            throw malformed("missing \"addresses\"", line);
        }
        List<String> addresses = new ArrayList<>(node.size());
        if (node.isArray()) {
            for (JsonNode value : node.values()) {
                addresses.add(address(value, line));
            }
        } else if (node.isObject()) {
            // PHP list with holes: the keys are indexes, the values come in list order.
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                addresses.add(address(entry.getValue(), line));
            }
        } else {
            throw malformed("\"addresses\" must be a list or an object", line);
        }
        return addresses;
    }

    private static String address(JsonNode value, byte[] line) {
        if (!value.isString()) {
            throw malformed("\"addresses\" must hold strings only", line);
        }
        return value.stringValue();
    }

    private static RegisterProtocolException malformed(String reason, byte[] line) {
        return new RegisterProtocolException(reason + ": " + excerpt(line));
    }

    private static String shorten(String text) {
        // Jackson quotes the offending token; the excerpt of the line says it already.
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static String excerpt(byte[] line) {
        // A malformed connect line may still carry the cluster secret: the excerpt goes to a log, the secret must not.
        String text = SECRET_VALUE.matcher(
                new String(line, 0, Math.min(line.length, EXCERPT_LENGTH * 4), StandardCharsets.UTF_8))
                .replaceAll("$1***");
        StringBuilder out = new StringBuilder(Math.min(text.length(), EXCERPT_LENGTH) + 8).append('\'');
        for (int i = 0; i < text.length() && i < EXCERPT_LENGTH; i++) {
            char c = text.charAt(i);
            // Control characters from a garbage line would garble the log.
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        out.append('\'');
        if (line.length > EXCERPT_LENGTH) {
            out.append("… (").append(line.length).append(" bytes)");
        }
        return out.toString();
    }
}
