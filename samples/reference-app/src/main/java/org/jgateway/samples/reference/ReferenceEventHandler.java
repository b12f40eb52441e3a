package org.jgateway.samples.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.spring.annotation.Session;
import org.jgateway.worker.EventContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The reference app's {@code Events::onMessage}, the same for every listener.
 * <p>
 * JSON objects with a string {@code type} are commands, routed by type to the methods below; everything else (plain
 * text, JSON arrays, objects without a string {@code type}, unknown types) reaches {@link #echo(byte[])} and goes
 * back to its sender verbatim. Replies are records written as JSON in the declared key order.
 * <p>
 * The handler has no {@code @OnConnect}, {@code @OnWebSocketConnect} or {@code @OnClose} method: connecting and
 * closing do nothing visible and write no session, so that benchmarks measure the framework, not the app.
 */
@GatewayEventHandler
public class ReferenceEventHandler {

    private final HistoryStore history;

    /** @param history which groups keep history ({@code h:*} by default) */
    public ReferenceEventHandler(HistoryStore history) {
        this.history = history;
    }

    /**
     * {@code {"type":"join","group":"g"}}: joins the group.
     *
     * @return {@code {"type":"joined","group":"g","client_id":"<id>"}}
     */
    @OnMessage(type = "join")
    public Joined join(JsonNode command, EventContext context) {
        String group = text(command, "group");
        context.api().joinGroup(context.clientId(), group);
        return new Joined(group, context.clientId());
    }

    /**
     * {@code {"type":"leave","group":"g"}}: leaves the group.
     *
     * @return {@code {"type":"left","group":"g"}}
     */
    @OnMessage(type = "leave")
    public Left leave(JsonNode command, EventContext context) {
        String group = text(command, "group");
        context.api().leaveGroup(context.clientId(), group);
        return new Left(group);
    }

    /**
     * {@code {"type":"say","group":"g","msg":M}}: sends M to every member of the group; to a group that keeps history
     * ({@code h:*}), {@code {"type":"msg","group":"g","offset":N,"epoch":"E","msg":M}} with the message's position.
     */
    @OnMessage(type = "say")
    public void say(JsonNode command, GatewayApi api) {
        String group = text(command, "group");
        if (history.retains(HistoryStream.group(group))) {
            JsonNode msg = command.get("msg");
            api.sendToGroup(group, position -> new Msg(group, position, msg == null ? StringNode.valueOf("") : msg));
            return;
        }
        api.sendToGroup(group, payload(command));
    }

    /**
     * {@code {"type":"resume","group":"g","offset":N,"epoch":"E"}}: joins the group and recovers what the client
     * missed after its position: every kept message after N, then the live ones. Without an epoch, from the group's
     * first message.
     *
     * @return {@code {"type":"resumed","group":"g","recovered":R,"offset":L,"epoch":"E"}}, after the recovered
     *         messages: L is the newest offset known, R false when the epoch is not the group's or N is older than
     *         what is kept (then no old message was sent)
     */
    @OnMessage(type = "resume")
    public Resumed resume(JsonNode command, EventContext context) {
        String group = text(command, "group");
        HistoryStream stream = HistoryStream.group(group);
        if (!history.retains(stream)) {
            context.api().joinGroup(context.clientId(), group);
            return new Resumed(group, false, 0, "");
        }
        JsonNode epoch = command.get("epoch");
        JsonNode offset = command.get("offset");
        StreamPosition since = epoch == null || epoch.isNull() ? null
                : new StreamPosition(offset != null && offset.canConvertToLong() ? offset.asLong() : 0, text(command,
                        "epoch"));
        Recovery recovery = context.api().recover(context.clientId(), stream, since);
        return new Resumed(group, recovery.recovered(), recovery.position().offset(), recovery.position().epoch());
    }

    /** {@code {"type":"all","msg":M}}: sends M to every client. */
    @OnMessage(type = "all")
    public void all(JsonNode command, GatewayApi api) {
        api.sendToAll(payload(command));
    }

    /**
     * {@code {"type":"bind","uid":"u"}}: binds the client to the uid.
     *
     * @return {@code {"type":"bound","uid":"u"}}
     */
    @OnMessage(type = "bind")
    public Bound bind(JsonNode command, EventContext context) {
        String uid = text(command, "uid");
        context.api().bindUid(context.clientId(), uid);
        return new Bound(uid);
    }

    /** {@code {"type":"touid","uid":"u","msg":M}}: sends M to every connection of the uid. */
    @OnMessage(type = "touid")
    public void toUid(JsonNode command, GatewayApi api) {
        api.sendToUid(text(command, "uid"), payload(command));
    }

    /**
     * {@code {"type":"whoami"}}: what GatewayWorker's {@code Context}, {@code $_SERVER} and {@code $_SESSION} hold.
     *
     * @return the client id, the context, the server variables and the session ({@code null} when empty)
     */
    @OnMessage(type = "whoami")
    public WhoAmI whoami(EventContext context, @Session Map<String, Object> session) {
        return new WhoAmI(context.clientId(),
                new WhoAmI.Context(context.clientIpValue(), context.clientPort(), context.gatewayIpValue(),
                        context.gatewayInnerPort(), context.connectionId()),
                context.serverVariables(), session.isEmpty() ? null : new LinkedHashMap<>(session));
    }

    /**
     * {@code {"type":"count"}}: counts the clients of every gateway.
     *
     * @return {@code {"type":"count","all":N,"group":{"g":n,...}}}
     */
    @OnMessage(type = "count")
    public Count count(GatewayApi api) {
        return new Count(api.getAllClientIdCount(), api.getAllGroupClientIdCount());
    }

    /**
     * {@code {"type":"setsession","data":{...}}}: merges the data into the client's session, which the worker saves
     * to the gateway after the event.
     *
     * @return {@code {"type":"session","session":{...}}}
     */
    @OnMessage(type = "setsession")
    public SessionReply setSession(JsonNode command, @Session Map<String, Object> session) {
        JsonNode data = command.get("data");
        if (data != null && data.isObject()) {
            data.properties().forEach(field -> session.put(field.getKey(), toSessionValue(field.getValue())));
        }
        return new SessionReply(new LinkedHashMap<>(session));
    }

    /** {@code {"type":"close","msg":M}}: sends M, then closes the connection. */
    @OnMessage(type = "close")
    public void close(JsonNode command, GatewayApi api) {
        api.closeCurrentClient(payload(command));
    }

    /**
     * Every other message (not JSON, not an object, no string {@code type}, an unknown type).
     *
     * @return the message as received
     */
    @OnMessage
    public byte[] echo(byte[] message) {
        return message;
    }

    /** A field as a string: the text itself, JSON for anything else, empty when missing or null. */
    private static String text(JsonNode command, String field) {
        JsonNode value = command.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /** The {@code msg} field: a string as it is, anything else as JSON, empty when missing or null. */
    private static Object payload(JsonNode command) {
        JsonNode msg = command.get("msg");
        if (msg == null || msg.isNull()) {
            return "";
        }
        return msg.isString() ? msg.asString() : msg.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON value as a session value: strings, numbers, booleans, null, lists and maps. */
    private static Object toSessionValue(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(field -> map.put(field.getKey(), toSessionValue(field.getValue())));
            return map;
        }
        if (value.isArray()) {
            return value.valueStream().map(ReferenceEventHandler::toSessionValue).toList();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.asLong() : value.asString();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return null;
    }

    /** Reply to {@code join}. */
    @JsonPropertyOrder({"type", "group", "client_id"})
    public record Joined(String group, @JsonProperty("client_id") String clientId) {

        @JsonProperty("type")
        public String type() {
            return "joined";
        }
    }

    /** A message to a group with history, with its position. */
    @JsonPropertyOrder({"type", "group", "offset", "epoch", "msg"})
    public record Msg(String group, long offset, String epoch, JsonNode msg) {

        Msg(String group, StreamPosition position, JsonNode msg) {
            this(group, position.offset(), position.epoch(), msg);
        }

        @JsonProperty("type")
        public String type() {
            return "msg";
        }
    }

    /** Reply to {@code resume}. */
    @JsonPropertyOrder({"type", "group", "recovered", "offset", "epoch"})
    public record Resumed(String group, boolean recovered, long offset, String epoch) {

        @JsonProperty("type")
        public String type() {
            return "resumed";
        }
    }

    /** Reply to {@code leave}. */
    @JsonPropertyOrder({"type", "group"})
    public record Left(String group) {

        @JsonProperty("type")
        public String type() {
            return "left";
        }
    }

    /** Reply to {@code bind}. */
    @JsonPropertyOrder({"type", "uid"})
    public record Bound(String uid) {

        @JsonProperty("type")
        public String type() {
            return "bound";
        }
    }

    /** Reply to {@code count}: every client, and the size of every group. */
    @JsonPropertyOrder({"type", "all", "group"})
    public record Count(int all, Map<String, Integer> group) {

        @JsonProperty("type")
        public String type() {
            return "count";
        }
    }

    /** Reply to {@code setsession}: the whole session after the merge. */
    @JsonPropertyOrder({"type", "session"})
    public record SessionReply(Map<String, Object> session) {

        @JsonProperty("type")
        public String type() {
            return "session";
        }
    }

    /** Reply to {@code whoami}. */
    @JsonPropertyOrder({"type", "client_id", "context", "server", "session"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WhoAmI(@JsonProperty("client_id") String clientId, Context context, Map<String, Object> server,
            Map<String, Object> session) {

        @JsonProperty("type")
        public String type() {
            return "whoami";
        }

        /** GatewayWorker's {@code Context}: addresses as PHP's {@code ip2long}, ports and the connection id. */
        @JsonPropertyOrder({"client_ip", "client_port", "local_ip", "local_port", "connection_id"})
        public record Context(@JsonProperty("client_ip") long clientIp, @JsonProperty("client_port") int clientPort,
                @JsonProperty("local_ip") long localIp, @JsonProperty("local_port") int localPort,
                @JsonProperty("connection_id") long connectionId) {
        }
    }
}
