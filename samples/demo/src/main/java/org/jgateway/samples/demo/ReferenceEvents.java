package org.jgateway.samples.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.StreamPosition;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference app's behaviour (the table in samples/reference-app/README.md): JSON commands with a string {@code type},
 * everything else echoed back verbatim.
 */
public final class ReferenceEvents implements WorkerEventHandler {

    private static final Logger log = LoggerFactory.getLogger(ReferenceEvents.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HistoryStore history;

    /** Without history: {@code h:*} groups behave like the others. */
    public ReferenceEvents() {
        this(HistoryStore.none());
    }

    /** @param history where groups that keep history ({@code h:*}) are kept; the gateway's and the API's */
    public ReferenceEvents(HistoryStore history) {
        this.history = history;
    }

    @Override
    public void onMessage(EventContext ctx, byte[] message) {
        GatewayApi api = ctx.api();
        JsonNode command = parse(message);
        if (command == null) {
            api.sendToCurrentClient(message);
            return;
        }
        String type = command.get("type").asString();
        switch (type) {
            case "join" -> {
                String group = text(command, "group");
                api.joinGroup(ctx.clientId(), group);
                reply(api, object("joined").put("group", group).put("client_id", ctx.clientId()));
            }
            case "leave" -> {
                String group = text(command, "group");
                api.leaveGroup(ctx.clientId(), group);
                reply(api, object("left").put("group", group));
            }
            case "say" -> say(api, text(command, "group"), command.get("msg"));
            case "resume" -> resume(ctx, command);
            case "all" -> api.sendToAll(payload(command.get("msg")));
            case "bind" -> {
                String uid = text(command, "uid");
                api.bindUid(ctx.clientId(), uid);
                reply(api, object("bound").put("uid", uid));
            }
            case "touid" -> api.sendToUid(text(command, "uid"), payload(command.get("msg")));
            case "whoami" -> reply(api, whoami(ctx));
            case "count" -> {
                // Async, so that the handler never blocks (it may run on an event loop: run-on-event-loop).
                String clientId = ctx.clientId();
                api.async().getAllClientIdCount().thenCombine(api.async().getAllGroupClientIdCount(), (all, counts) -> {
                    ObjectNode reply = object("count").put("all", all);
                    ObjectNode groups = reply.putObject("group");
                    counts.forEach(groups::put);
                    return reply;
                }).whenComplete((reply, failure) -> {
                    if (failure != null) {
                        // A blocking query would have failed the handler (logged by the worker); an async one must say so itself.
                        log.warn("count for client {} failed: {}", clientId, failure.toString());
                    } else {
                        api.sendToClient(clientId, JSON.writeValueAsBytes(reply));
                    }
                });
            }
            case "setsession" -> {
                JsonNode data = command.get("data");
                if (data != null && data.isObject()) {
                    Map<String, Object> values = JSON.convertValue(data, Map.class);
                    ctx.session().putAll(values);
                }
                ObjectNode reply = object("session");
                reply.set("session", JSON.valueToTree(ctx.session()));
                reply(api, reply);
            }
            case "close" -> api.closeCurrentClient(payload(command.get("msg")));
            default -> api.sendToCurrentClient(message);
        }
    }

    /** To a group with history: {@code {"type":"msg","group":g,"offset":N,"epoch":E,"msg":M}}. */
    private void say(GatewayApi api, String group, JsonNode msg) {
        if (!history.retains(HistoryStream.group(group))) {
            api.sendToGroup(group, payload(msg));
            return;
        }
        JsonNode body = msg == null ? JSON.getNodeFactory().stringNode("") : msg;
        api.sendToGroup(group, position -> JSON.writeValueAsBytes(object("msg").put("group", group)
                .put("offset", position.offset()).put("epoch", position.epoch()).set("msg", body)));
    }

    /** Joins and recovers, then {@code {"type":"resumed","group":g,"recovered":R,"offset":L,"epoch":E}}. */
    private void resume(EventContext ctx, JsonNode command) {
        GatewayApi api = ctx.api();
        String group = text(command, "group");
        HistoryStream stream = HistoryStream.group(group);
        ObjectNode resumed = object("resumed").put("group", group);
        if (!history.retains(stream)) {
            api.joinGroup(ctx.clientId(), group);
            reply(api, resumed.put("recovered", false).put("offset", 0).put("epoch", ""));
            return;
        }
        JsonNode epoch = command.get("epoch");
        StreamPosition since = epoch == null || epoch.isNull() ? null
                : new StreamPosition(Math.max(0, command.path("offset").asLong(0)), text(command, "epoch"));
        String clientId = ctx.clientId();
        // Async, so that the handler never blocks (it may run on an event loop).
        api.async().recover(clientId, stream, since).whenComplete((recovery, failure) -> {
            if (failure != null) {
                log.warn("resume of {} on {} failed: {}", clientId, group, failure.toString());
                return;
            }
            api.sendToClient(clientId, JSON.writeValueAsBytes(resumed.put("recovered", recovery.recovered())
                    .put("offset", recovery.position().offset()).put("epoch", recovery.position().epoch())));
        });
    }

    private static ObjectNode whoami(EventContext ctx) {
        ObjectNode reply = object("whoami").put("client_id", ctx.clientId());
        ObjectNode context = reply.putObject("context");
        context.put("client_ip", ctx.clientIpValue());
        context.put("client_port", ctx.clientPort());
        context.put("local_ip", ctx.gatewayIpValue());
        context.put("local_port", ctx.gatewayInnerPort());
        context.put("connection_id", ctx.connectionId());
        reply.set("server", JSON.valueToTree(ctx.serverVariables()));
        Map<String, Object> session = ctx.session();
        reply.set("session", session.isEmpty() ? JSON.nullNode() : JSON.valueToTree(new LinkedHashMap<>(session)));
        return reply;
    }

    /** A JSON object with a string {@code type}, or null (the message is then echoed). */
    private static JsonNode parse(byte[] message) {
        if (message.length == 0 || message[0] != '{') {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(message);
            return node != null && node.isObject() && node.path("type").isString() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode command, String field) {
        JsonNode value = command.get(field);
        return value == null || value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
    }

    /** A string is sent verbatim; anything else as JSON. */
    private static Object payload(JsonNode msg) {
        if (msg == null || msg.isNull()) {
            return "";
        }
        return msg.isString() ? msg.asString() : msg.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode object(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static void reply(GatewayApi api, ObjectNode reply) {
        api.sendToCurrentClient(JSON.writeValueAsBytes(reply));
    }
}
