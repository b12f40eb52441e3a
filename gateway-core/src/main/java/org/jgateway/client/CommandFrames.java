package org.jgateway.client;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.StreamPosition;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker→gateway command frames of the Gateway API, byte for byte as GatewayWorker's {@code Lib\Gateway} builds
 * them: header fields other than cmd, connection_id and flag are zero, and every body is scalar (an empty body too,
 * since PHP's {@code is_scalar('')} sets the flag), except the PHP-null goodbye of a silent kick.
 */
final class CommandFrames {

    /** {@code serialize(null)}: a KICK without a goodbye message. */
    static final byte[] PHP_NULL = {'N', ';'};

    private static final byte[] EMPTY = new byte[0];
    private static final JsonMapper JSON = JsonMapper.shared();

    private CommandFrames() {
    }

    static int messageFlag(boolean raw) {
        return GatewayFlags.BODY_IS_SCALAR | (raw ? GatewayFlags.NOT_CALL_ENCODE : 0);
    }

    static GatewayFrame sendToOne(ClientId client, byte[] body, boolean raw) {
        return GatewayFrame.command(GatewayCommand.SEND_TO_ONE, client.connectionId(), messageFlag(raw), EMPTY, body);
    }

    /** SEND_TO_ALL to every client of a gateway, minus {@code exclude} (connection ids of that gateway; may be empty). */
    static GatewayFrame sendToAllExcept(Collection<Long> exclude, byte[] body, boolean raw) {
        byte[] ext = exclude.isEmpty() ? EMPTY : json(Map.of("exclude", connectionMap(exclude)));
        return GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, messageFlag(raw), ext, body);
    }

    /** SEND_TO_ALL to the listed connections of one gateway. */
    static GatewayFrame sendToConnections(Collection<Long> connections, byte[] body, boolean raw) {
        return GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, messageFlag(raw),
                json(Map.of("connections", connectionMap(connections))), body);
    }

    static GatewayFrame sendToGroup(Collection<String> groups, Collection<Long> exclude, byte[] body, boolean raw) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("group", List.copyOf(groups));
        ext.put("exclude", exclude.isEmpty() ? null : connectionMap(exclude));
        return GatewayFrame.command(GatewayCommand.SEND_TO_GROUP, 0, messageFlag(raw), json(ext), body);
    }

    /** SEND_TO_STREAM: one group's or uid's message with its position (our extension, see {@link GatewayCommand}). */
    static GatewayFrame sendToStream(HistoryStream stream, StreamPosition position, Collection<Long> exclude,
            byte[] body) {
        Map<String, Object> ext = streamExt(stream);
        ext.put("offset", position.offset());
        ext.put("epoch", position.epoch());
        ext.put("exclude", exclude.isEmpty() ? null : connectionMap(exclude));
        return GatewayFrame.command(GatewayCommand.SEND_TO_STREAM, 0, messageFlag(false), json(ext), body);
    }

    /** {@code {"group":id}} or {@code {"uid":id}}, to add to. */
    static Map<String, Object> streamExt(HistoryStream stream) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(stream.kind() == HistoryStream.Kind.GROUP ? "group" : "uid", stream.id());
        return ext;
    }

    static GatewayFrame sendToUid(Collection<String> uids, byte[] body, boolean raw) {
        return GatewayFrame.command(GatewayCommand.SEND_TO_UID, 0, messageFlag(raw), json(List.copyOf(uids)), body);
    }

    /** KICK: {@code goodbye} null sends PHP null (flag 0), which the gateway closes without writing anything. */
    static GatewayFrame kick(ClientId client, byte @Nullable [] goodbye) {
        return goodbye == null
                ? GatewayFrame.command(GatewayCommand.KICK, client.connectionId(), 0, EMPTY, PHP_NULL)
                : GatewayFrame.command(GatewayCommand.KICK, client.connectionId(), GatewayFlags.BODY_IS_SCALAR, EMPTY, goodbye);
    }

    /** A command about one connection whose argument travels in ext (DESTROY, BIND_UID, JOIN_GROUP, SET_SESSION...). */
    static GatewayFrame forClient(int cmd, ClientId client, byte[] ext) {
        return GatewayFrame.command(cmd, client.connectionId(), GatewayFlags.BODY_IS_SCALAR, ext, EMPTY);
    }

    static GatewayFrame forClient(int cmd, ClientId client, String ext) {
        return forClient(cmd, client, utf8(ext));
    }

    static GatewayFrame ungroup(String group) {
        return GatewayFrame.command(GatewayCommand.UNGROUP, 0, GatewayFlags.BODY_IS_SCALAR, utf8(group), EMPTY);
    }

    /** {@code {"<cid>":<cid>,...}}: PHP keys the map by connection id; gateways iterate the values or test the keys. */
    static Map<String, Long> connectionMap(Collection<Long> connectionIds) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Long id : connectionIds) {
            map.put(Long.toString(id), id);
        }
        return map;
    }

    static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    static byte[] utf8(String text) {
        return text == null ? EMPTY : text.getBytes(StandardCharsets.UTF_8);
    }
}
