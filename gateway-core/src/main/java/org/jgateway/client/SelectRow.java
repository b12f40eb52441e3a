package org.jgateway.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.protocol.php.PhpValues;
import org.jspecify.annotations.Nullable;

/**
 * One connection of a {@code CMD_SELECT} reply: its client_id and the uid and groups fields when they were asked for
 * and set. A reply is {@code serialize([connection_id => [field => value, ...], ...])}.
 *
 * @param clientId the full client_id (the replying gateway's address + connection id)
 * @param uid      the bound uid, or null when none ({@code "0"} is a uid)
 * @param groups   the groups the connection is in, in the gateway's order
 */
record SelectRow(String clientId, @Nullable String uid, List<String> groups) {

    /** Parses one gateway's SELECT reply. */
    static List<SelectRow> parse(GatewayAddress gateway, byte[] payload) {
        List<SelectRow> rows = new ArrayList<>();
        PhpValues.forEach(PhpUnserializer.unserialize(payload), (connectionId, fields) -> {
            String clientId = gateway.clientId(PhpValues.toLong(connectionId));
            String uid = null;
            List<String> groups = new ArrayList<>();
            if (fields instanceof Map<?, ?> map) {
                Object uidValue = map.get(QueryFrames.UID);
                if (PhpValues.isPresent(uidValue)) {
                    uid = PhpValues.toText(uidValue);
                }
                Object groupsValue = map.get(QueryFrames.GROUPS);
                if (PhpValues.isArray(groupsValue)) {
                    // groups is group => group; the values keep the id as it was joined, the keys may be PHP ints.
                    for (Object group : PhpValues.values(groupsValue)) {
                        groups.add(PhpValues.toText(group));
                    }
                }
            }
            rows.add(new SelectRow(clientId, uid, List.copyOf(groups)));
        });
        return rows;
    }
}
