package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * The queries, the routed pushes and the history operations of {@link GatewayApi}, asynchronous. Each future completes
 * within the query timeout: with the result, or exceptionally with {@link GatewayQueryException} (missing gateways,
 * partial result), {@link GatewayException} (a push no gateway could take) or an {@link IllegalArgumentException} for
 * invalid arguments.
 */
public interface AsyncGatewayApi {

    // ---- pushes --------------------------------------------------------------------------------------------------

    /**
     * {@link GatewayApi#sendToUid(Collection, Object, boolean)} without waiting for the cluster engine to route it:
     * with the redis engine the routing lookup's answer is applied, and the push handed to its gateways' connections,
     * on Lettuce's thread, so the calling thread is not woken in between; with the register engine the push is handed
     * over before this returns. The future completes once the push was handed to the connections of the gateways it
     * goes to, or fails with {@link GatewayException} where the blocking call throws it (no gateway known or
     * reachable; counted in the same {@code pushesFailed}).
     * <p>
     * The pushes one thread sends this way keep their order per uid and group, and a push sent after a
     * {@code bindUid} or {@code joinGroup} call returned reaches that client, as with the blocking calls. A blocking
     * command sent after an asynchronous push may overtake it: wait for the push's future first when that order
     * matters. Streams that keep history are appended and sent before this returns, as the blocking call does.
     */
    CompletableFuture<Void> sendToUid(Collection<String> uids, Object message, boolean raw);

    /**
     * {@link GatewayApi#sendToGroup(Collection, Object, Collection, boolean)} without waiting for the cluster engine
     * to route it; as {@link #sendToUid(Collection, Object, boolean)}.
     */
    CompletableFuture<Void> sendToGroup(Collection<String> groups, Object message,
            @Nullable Collection<String> excludeClientIds, boolean raw);

    // ---- queries -------------------------------------------------------------------------------------------------

    CompletableFuture<Boolean> isOnline(String clientId);

    CompletableFuture<Boolean> isUidOnline(String uid);

    CompletableFuture<Map<String, Boolean>> isUidsOnline(Collection<String> uids);

    CompletableFuture<List<String>> getClientIdByUid(String uid);

    CompletableFuture<Map<String, List<String>>> batchGetClientIdByUid(Collection<String> uids);

    CompletableFuture<@Nullable String> getUidByClientId(String clientId);

    CompletableFuture<@Nullable Map<String, Object>> getSession(String clientId);

    CompletableFuture<Integer> getClientIdCountByGroup(String group);

    CompletableFuture<Integer> getAllClientIdCount();

    CompletableFuture<Map<String, Integer>> batchGetClientIdCountByGroup(Collection<String> groups);

    CompletableFuture<Map<String, Map<String, Object>>> getClientSessionsByGroup(String group);

    CompletableFuture<Map<String, Map<String, Object>>> getAllClientSessions();

    CompletableFuture<Set<String>> getClientIdListByGroup(String group);

    CompletableFuture<Set<String>> getAllClientIdList();

    CompletableFuture<Set<String>> getUidListByGroup(String group);

    CompletableFuture<Integer> getUidCountByGroup(String group);

    CompletableFuture<Set<String>> getAllUidList();

    CompletableFuture<Integer> getAllUidCount();

    CompletableFuture<Set<String>> getAllGroupIdList();

    CompletableFuture<Map<String, Set<String>>> getAllGroupUidList();

    CompletableFuture<Map<String, Integer>> getAllGroupUidCount();

    CompletableFuture<Map<String, Set<String>>> getAllGroupClientIdList();

    CompletableFuture<Map<String, Integer>> getAllGroupClientIdCount();

    // ---- history -------------------------------------------------------------------------------------------------

    /**
     * Sends to a group that keeps history: the message is built from its position, kept, then sent to the group's
     * members. Completes with the position, or fails with {@link IllegalArgumentException} when no history pattern
     * matches the group.
     */
    CompletableFuture<StreamPosition> sendToGroup(String group, PositionedMessage message);

    /** Sends to a uid that keeps history, as {@link #sendToGroup(String, PositionedMessage)}; kept also while offline. */
    CompletableFuture<StreamPosition> sendToUid(String uid, PositionedMessage message);

    /**
     * Recovers a client on a stream: joins it to the group (or binds it to the uid), sends it every kept message after
     * {@code since} in offset order, then the live ones, without a gap or a duplicate even while others send. With
     * {@code since} null, from the stream's first message. Done by the client's gateway, which must be a JGateway
     * gateway reading the same history. Completes once the recovered messages were handed to the client's connection.
     * Neither the calling thread nor the gateway's event loops wait for the history store: with a gateway of this JVM
     * the future completes at once when the store answers from memory, else on the client's event loop once the store
     * answered.
     */
    CompletableFuture<Recovery> recover(String clientId, HistoryStream stream, @Nullable StreamPosition since);

    /**
     * The kept messages of a stream after {@code since} (null: from its first message), at most {@code limit}, for
     * applications that render history themselves. The calling thread does not wait for the history store
     * ({@link org.jgateway.history.HistoryStore#readAsync}): with the Redis store the future completes on the Redis
     * client's thread; with the memory store it is complete on return.
     */
    CompletableFuture<HistoryPage> history(HistoryStream stream, @Nullable StreamPosition since, int limit);
}
