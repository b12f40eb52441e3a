package org.jgateway.samples.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.spring.GatewayTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rooms, as gateway groups. A client in room {@code lobby} is in two groups: {@code lobby} says who is in the
 * room (online lists and counts come from it), and {@code lobby:json} or {@code lobby:text} is where the room's
 * messages are delivered in the client's format. A broadcast is thus two {@code sendToGroup} calls, each encoded
 * once by the gateway, however many clients the room has. Room names cannot contain {@code ':'}, so the groups of two
 * rooms never collide.
 * <p>
 * The browsers' groups keep history ({@code *:json} in application.yml): each event they receive carries its
 * {@code offset} and {@code epoch}, and a page that lost its connection comes back with the last one it saw and is
 * given what it missed ({@link #enter}).
 */
@Component
public class ChatRooms {

    private static final String JSON_SUFFIX = ":json";
    private static final String TEXT_SUFFIX = ":text";

    private final GatewayTemplate gateway;
    private final HistoryStore history;
    private final JsonMapper json;

    public ChatRooms(GatewayTemplate gateway, HistoryStore history, JsonMapper json) {
        this.gateway = gateway;
        this.history = history;
        this.json = json;
    }

    /**
     * Adds the client to its room's groups. A browser that comes back with the last position it saw ({@code since})
     * is given the events it missed first.
     *
     * @return the recovery, or null when there was nothing to recover (no position, a text client, no history)
     */
    public Recovery enter(String clientId, ChatSession client, StreamPosition since) {
        gateway.joinGroup(clientId, client.room());
        HistoryStream delivery = HistoryStream.group(deliveryGroup(client));
        if (since != null && !client.text() && history.retains(delivery)) {
            return gateway.recover(clientId, delivery, since);
        }
        gateway.joinGroup(clientId, delivery.id());
        return null;
    }

    /** Removes the client from its room's groups. */
    public void leave(String clientId, ChatSession client) {
        gateway.leaveGroup(clientId, client.room());
        gateway.leaveGroup(clientId, deliveryGroup(client));
    }

    /**
     * Sends the event to everyone in the room, as a line to text clients and as JSON to browsers, with its position
     * when their group keeps history.
     */
    public void broadcast(String room, ChatEvent event) {
        HistoryStream browsers = HistoryStream.group(room + JSON_SUFFIX);
        if (history.retains(browsers)) {
            gateway.sendToGroup(browsers.id(), position -> json.<ObjectNode>valueToTree(event)
                    .put("offset", position.offset()).put("epoch", position.epoch()));
        } else {
            gateway.sendToGroup(browsers.id(), event);
        }
        gateway.sendToGroup(room + TEXT_SUFFIX, event.line());
    }

    /**
     * Sends the event to the user with that nickname (its uid), in the format of each of its connections. A plain
     * {@code sendToUid} would send the same bytes to all of them, so each connection's session says what it reads.
     *
     * @return false when nobody has that nickname
     */
    public boolean sendToUser(String name, ChatEvent event) {
        List<String> clientIds = gateway.getClientIdByUid(name);
        for (String clientId : clientIds) {
            Map<String, Object> session = gateway.getSession(clientId);
            if (session != null) {
                gateway.sendToClient(clientId, ChatSession.of(session).render(event));
            }
        }
        return !clientIds.isEmpty();
    }

    /**
     * The nicknames in the room, sorted, with the current client among them. The current client is put in explicitly
     * (here and in {@link #namesWithout}): its nickname is in its session, which is saved only after the event. The
     * join or leave sent just before is already visible to the query (read-your-writes).
     */
    public List<String> namesWith(String room, String clientId, String name) {
        Map<String, Map<String, Object>> sessions = new HashMap<>(gateway.getClientSessionsByGroup(room));
        sessions.put(clientId, Map.of(ChatSession.NAME, name));
        return names(sessions);
    }

    /** The nicknames in the room, sorted, without the current client (which is leaving it). */
    public List<String> namesWithout(String room, String clientId) {
        Map<String, Map<String, Object>> sessions = new HashMap<>(gateway.getClientSessionsByGroup(room));
        sessions.remove(clientId);
        return names(sessions);
    }

    /** Every room with its number of clients, by name. */
    public Map<String, Integer> counts() {
        Map<String, Integer> rooms = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        gateway.getAllGroupClientIdCount().forEach((group, count) -> {
            if (group.indexOf(':') < 0) {
                rooms.put(group, count);
            }
        });
        return rooms;
    }

    /** Every client connected to the chat, logged in or not. */
    public int connections() {
        return gateway.getAllClientIdCount();
    }

    private static List<String> names(Map<String, Map<String, Object>> sessions) {
        return sessions.values().stream()
                .map(session -> (String) session.get(ChatSession.NAME))
                .filter(Objects::nonNull)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    private static String deliveryGroup(ChatSession client) {
        return client.room() + (client.text() ? TEXT_SUFFIX : JSON_SUFFIX);
    }
}
