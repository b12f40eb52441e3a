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
 * The queries and the history operations of {@link GatewayApi}, asynchronous. Each future completes within the query timeout: with the result,
 * or exceptionally with {@link GatewayQueryException} (missing gateways, partial result) or an
 * {@link IllegalArgumentException} for invalid arguments.
 */
public interface AsyncGatewayApi {

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
     * gateway reading the same history.
     */
    CompletableFuture<Recovery> recover(String clientId, HistoryStream stream, @Nullable StreamPosition since);

    /**
     * The kept messages of a stream after {@code since} (null: from its first message), at most {@code limit}, for
     * applications that render history themselves.
     */
    CompletableFuture<HistoryPage> history(HistoryStream stream, @Nullable StreamPosition since, int limit);
}
