package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.history.HistoryStream;
import org.jspecify.annotations.Nullable;

/**
 * A uid or group push as the blocking and the asynchronous Gateway API send it: the targets whose streams keep history
 * are appended and sent first, each with its own position ({@link StreamSender#sendKept}); {@code ids} are the targets
 * left for one plain command. Raw pushes are never kept: their bytes are not messages of the client protocol.
 *
 * @param ids the targets for the plain command; empty when every target kept history
 * @param body the message, encoded once
 * @param excludedByGateway connection ids not to send to, per gateway address (group pushes)
 */
record PlainPush(Set<String> ids, byte[] body, Map<String, List<Long>> excludedByGateway) {

    static PlainPush toUids(Collection<String> uids, Object message, boolean raw, MessageBodies messages,
            StreamSender streams) {
        Set<String> listed = ApiArguments.ids("uid", uids);
        byte[] body = messages.toBytes(message);
        Set<String> ids = raw ? listed : streams.sendKept(listed, HistoryStream::uid, body, Map.of());
        return new PlainPush(ids, body, Map.of());
    }

    static PlainPush toGroups(Collection<String> groups, Object message, @Nullable Collection<String> excludeClientIds,
            boolean raw, MessageBodies messages, StreamSender streams) {
        Set<String> listed = ApiArguments.ids("group", groups);
        byte[] body = messages.toBytes(message);
        Map<String, List<Long>> excluded = TransportGatewayApi.connectionsByGateway(
                ApiArguments.clientIds(excludeClientIds));
        Set<String> ids = raw ? listed : streams.sendKept(listed, HistoryStream::group, body, excluded);
        return new PlainPush(ids, body, excluded);
    }
}
