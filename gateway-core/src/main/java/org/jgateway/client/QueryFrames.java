package org.jgateway.client;

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

/** The query frames (commands answered with a length-prefixed PHP-serialized reply), as GatewayWorker sends them. */
final class QueryFrames {

    /** SELECT fields: the connection's uid. */
    static final String UID = "uid";
    /** SELECT fields: the connection's groups, a PHP map group ⇒ group. */
    static final String GROUPS = "groups";

    private static final byte[] EMPTY = new byte[0];

    private QueryFrames() {
    }

    /** A query about one connection (IS_ONLINE, GET_SESSION_BY_CLIENT_ID). */
    static GatewayFrame forClient(int cmd, ClientId client) {
        return GatewayFrame.command(cmd, client.connectionId(), GatewayFlags.BODY_IS_SCALAR, EMPTY, EMPTY);
    }

    /** A query whose argument is a plain string in ext ({@code ''} for none). */
    static GatewayFrame withExt(int cmd, String ext) {
        return GatewayFrame.command(cmd, 0, GatewayFlags.BODY_IS_SCALAR, CommandFrames.utf8(ext), EMPTY);
    }

    /** A query whose argument is a JSON list of ids in ext (BATCH_GET_CLIENT_ID_BY_UID, BATCH_GET_CLIENT_COUNT_BY_GROUP). */
    static GatewayFrame withJsonList(int cmd, Collection<String> ids) {
        return GatewayFrame.command(cmd, 0, GatewayFlags.BODY_IS_SCALAR, CommandFrames.json(List.copyOf(ids)), EMPTY);
    }

    /** RECOVER the client on a stream after {@code since} (null: from the stream's first message). */
    static GatewayFrame recover(ClientId client, HistoryStream stream, @Nullable StreamPosition since) {
        Map<String, Object> ext = CommandFrames.streamExt(stream);
        if (since != null) {
            ext.put("offset", since.offset());
            ext.put("epoch", since.epoch());
        }
        return GatewayFrame.command(GatewayCommand.RECOVER, client.connectionId(), GatewayFlags.BODY_IS_SCALAR,
                CommandFrames.json(ext), EMPTY);
    }

    /**
     * SELECT {@code fields} of the connections matching any of {@code where}'s conditions (OR); an empty
     * {@code where} is sent as {@code []} like PHP's empty array and matches every connection.
     */
    static GatewayFrame select(List<String> fields, Map<String, ? extends Collection<?>> where) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("fields", fields);
        ext.put("where", where.isEmpty() ? List.of() : where);
        return GatewayFrame.command(GatewayCommand.SELECT, 0, GatewayFlags.BODY_IS_SCALAR, CommandFrames.json(ext), EMPTY);
    }
}
