package org.jgateway.gateway;

import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_COUNT_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID;
import static org.jgateway.protocol.GatewayCommand.GET_ALL_CLIENT_SESSIONS;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_COUNT_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_ID_BY_UID;
import static org.jgateway.protocol.GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.GET_GROUP_ID_LIST;
import static org.jgateway.protocol.GatewayCommand.GET_SESSION_BY_CLIENT_ID;
import static org.jgateway.protocol.GatewayCommand.IS_ONLINE;
import static org.jgateway.protocol.GatewayCommand.SELECT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpArrays;
import org.jgateway.protocol.php.PhpSerializationException;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import tools.jackson.databind.JsonNode;

/**
 * Answers the query commands from the registry, with the values PHP's gateway serializes: connection ids as
 * integers, sessions as the stored (serialized) strings, ids as PHP array keys.
 */
final class GatewayQueries {

    private static final byte[] NULL_REPLY = "N;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_ARRAY_REPLY = "a:0:{}".getBytes(StandardCharsets.US_ASCII);

    private final ClientRegistry registry;

    GatewayQueries(ClientRegistry registry) {
        this.registry = registry;
    }

    /** The reply payload: {@code serialize(value(frame))}, except the session query, which returns the stored bytes. */
    byte[] reply(GatewayFrame frame) {
        if (frame.cmd() == GET_SESSION_BY_CLIENT_ID) {
            ClientConnection client = registry.get(frame.connectionId());
            if (client == null) {
                return NULL_REPLY;
            }
            byte[] session = client.session();
            return session.length == 0 ? EMPTY_ARRAY_REPLY : session;
        }
        return PhpSerializer.serialize(value(frame));
    }

    /** The value a PHP client gets after unserializing the reply. */
    Object value(GatewayFrame frame) {
        int cmd = frame.cmd();
        return switch (cmd) {
            case GET_ALL_CLIENT_SESSIONS -> allSessions();
            case IS_ONLINE -> registry.get(frame.connectionId()) != null ? 1L : 0L;
            case GET_CLIENT_ID_BY_UID -> connectionIds(registry.uidConnections(frame.extAsString()));
            case BATCH_GET_CLIENT_ID_BY_UID -> connectionIdsByUid(frame);
            case GET_CLIENT_SESSIONS_BY_GROUP -> sessions(registry.groupMembers(frame.extAsString()));
            case GET_CLIENT_COUNT_BY_GROUP -> clientCount(frame.extAsString());
            case SELECT -> select(frame);
            case GET_GROUP_ID_LIST -> groupIds();
            case BATCH_GET_CLIENT_COUNT_BY_GROUP -> clientCountByGroup(frame);
            case GET_SESSION_BY_CLIENT_ID -> session(frame);
            default -> throw InvalidCommandException.unknown(cmd);
        };
    }

    private Map<Long, byte[]> allSessions() {
        Map<Long, byte[]> sessions = new LinkedHashMap<>(capacity(registry.size()));
        for (ClientConnection client : registry) {
            sessions.put(id(client), client.session());
        }
        return sessions;
    }

    private static Map<Long, byte[]> sessions(List<ClientConnection> clients) {
        Map<Long, byte[]> sessions = new LinkedHashMap<>(capacity(clients.size()));
        for (ClientConnection client : clients) {
            sessions.put(id(client), client.session());
        }
        return sessions;
    }

    private static List<Long> connectionIds(List<ClientConnection> clients) {
        List<Long> ids = new ArrayList<>(clients.size());
        for (ClientConnection client : clients) {
            ids.add(id(client));
        }
        return ids;
    }

    private Map<String, List<Long>> connectionIdsByUid(GatewayFrame frame) {
        String[] uids = CommandJson.keys(frame.cmd(), CommandJson.parse(frame.cmd(), frame.ext()), "uid list");
        Map<String, List<Long>> result = new LinkedHashMap<>(capacity(uids.length));
        for (String uid : uids) {
            result.put(uid, connectionIds(registry.uidConnections(uid)));
        }
        return result;
    }

    private long clientCount(String group) {
        return group.isEmpty() ? registry.size() : registry.groupSize(group);
    }

    private Map<String, Long> clientCountByGroup(GatewayFrame frame) {
        String[] groups = CommandJson.keys(frame.cmd(), CommandJson.parse(frame.cmd(), frame.ext()), "group list");
        Map<String, Long> result = new LinkedHashMap<>(capacity(groups.length));
        for (String group : groups) {
            result.put(group, (long) registry.groupSize(group));
        }
        return result;
    }

    private List<Object> groupIds() {
        // array_keys(): the group ids as PHP stored them as keys, so "12" comes back as the integer 12.
        List<Object> ids = new ArrayList<>(registry.groupCount());
        for (String group : registry.groupIds()) {
            ids.add(PhpArrays.normalizeKey(group));
        }
        return ids;
    }

    private Object session(GatewayFrame frame) {
        ClientConnection client = registry.get(frame.connectionId());
        if (client == null) {
            return null;
        }
        byte[] session = client.session();
        if (session.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            return PhpUnserializer.unserialize(session);
        } catch (PhpSerializationException e) {
            throw new InvalidCommandException(frame.cmd(), "stored session is not PHP-serialized", e);
        }
    }

    /**
     * {@code CMD_SELECT}: {@code {"fields":[..],"where":{"groups":[..],"uid":[..],"connection_id":[..]}}}, the where
     * conditions ORed in their order, an empty where selecting every client.
     */
    private Map<Long, Map<String, Object>> select(GatewayFrame frame) {
        int cmd = frame.cmd();
        JsonNode ext = CommandJson.parse(cmd, frame.ext());
        Map<Long, Map<String, Object>> result = new LinkedHashMap<>();
        if (!ext.isContainer() && CommandJson.isPhpEmpty(ext) || ext.isContainer() && ext.isEmpty()) {
            // PHP answers a falsy ext_data with an empty array.
            return result;
        }
        if (!ext.isObject()) {
            throw new InvalidCommandException(cmd, "ext_data is not a JSON object");
        }
        String[] fields = CommandJson.keys(cmd, ext.get("fields"), "fields");
        JsonNode where = ext.get("where");
        if (where == null || (where.isContainer() ? where.isEmpty() : CommandJson.isPhpEmpty(where))) {
            if (fields.length == 0) {
                return result;
            }
            for (ClientConnection client : registry) {
                result.put(id(client), row(client, fields));
            }
            return result;
        }
        if (!where.isObject()) {
            if (where.isArray()) {
                // Integer keys name no index in PHP, so nothing matches.
                return result;
            }
            throw new InvalidCommandException(cmd, "where is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> condition : where.properties()) {
            String key = condition.getKey();
            JsonNode items = condition.getValue();
            if (items.isNull() || (!items.isContainer() && CommandJson.isPhpEmpty(items))) {
                continue;
            }
            switch (key) {
                case "groups" -> {
                    for (String group : CommandJson.keys(cmd, items, "where.groups")) {
                        addRows(result, registry.groupMembers(group), fields);
                    }
                }
                case "uid" -> {
                    for (String uid : CommandJson.keys(cmd, items, "where.uid")) {
                        addRows(result, registry.uidConnections(uid), fields);
                    }
                }
                case "connection_id" -> {
                    for (int id : CommandJson.connectionIds(cmd, items, false, "where.connection_id")) {
                        ClientConnection client = registry.get(id);
                        if (client != null) {
                            result.put(id(client), row(client, fields));
                        }
                    }
                }
                default -> {
                    // PHP looks the key up in a map of indexes and finds nothing.
                }
            }
        }
        return result;
    }

    private static void addRows(Map<Long, Map<String, Object>> result, List<ClientConnection> clients,
            String[] fields) {
        for (ClientConnection client : clients) {
            Long id = id(client);
            if (!result.containsKey(id)) {
                result.put(id, row(client, fields));
            }
        }
    }

    /** The selected properties of one client, read under its monitor so they belong together. */
    private static Map<String, Object> row(ClientConnection client, String[] fields) {
        Map<String, Object> row = new LinkedHashMap<>(capacity(fields.length));
        synchronized (client) {
            for (String field : fields) {
                row.put(field, switch (field) {
                    case "uid" -> client.uid;
                    case "groups" -> groupMap(client.groups);
                    case "session" -> client.session;
                    default -> null;
                });
            }
        }
        return row;
    }

    /** PHP's {@code $connection->groups}: null if the client never joined a group, else {@code [group => group]}. */
    private static Map<String, String> groupMap(Set<String> groups) {
        if (groups == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>(capacity(groups.size()));
        for (String group : groups) {
            map.put(group, group);
        }
        return map;
    }

    private static Long id(ClientConnection client) {
        return Integer.toUnsignedLong(client.connectionId());
    }

    private static int capacity(int entries) {
        return entries < 3 ? 4 : (int) (entries / 0.75f) + 1;
    }
}
