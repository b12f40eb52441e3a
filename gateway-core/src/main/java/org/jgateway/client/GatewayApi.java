package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * The Gateway API: every method of GatewayWorker's {@code GatewayWorker\Lib\Gateway} (and GatewayClient), with the
 * same names so that migrating a PHP call is one-to-one ({@code destoryClient} is spelled {@link #destroyClient}).
 * <p>
 * Messages ({@code Object message}) are sent as: {@link CharSequence} → its UTF-8 bytes; {@code byte[]} → as they
 * are; {@link Number} and {@link Boolean} → their PHP string form ({@code true} → "1", {@code false} → ""); anything
 * else (maps, lists, records, POJOs) → JSON. {@code raw = true} writes the bytes to the client socket without the
 * client protocol's framing (GatewayWorker's {@code $raw}).
 * <p>
 * Commands are fire-and-forget. Queries block up to the configured query timeout; {@link #async()} offers the same
 * queries as {@link java.util.concurrent.CompletableFuture}s, and uid and group pushes that do not wait for the cluster
 * engine's routing. A query that needs every gateway and does not get every
 * answer in time fails with {@link GatewayQueryException}, which names the missing gateways and carries the partial
 * result: never a silent undercount.
 * <p>
 * Group and uid ids are strings; {@code "0"} is a valid id (GatewayWorker silently ignores it), empty strings are
 * rejected with {@link IllegalArgumentException}. Client ids are validated ({@link org.jgateway.protocol.ClientId}).
 */
public interface GatewayApi {

    /** The same queries, and the uid and group pushes, asynchronous. */
    AsyncGatewayApi async();

    // ---- sending ----------------------------------------------------------------------------------------------

    /** Sends to every client of every gateway. */
    default void sendToAll(Object message) {
        sendToAll(message, null, null, false);
    }

    /**
     * Sends to every client, or only to {@code clientIds} when not null (an empty collection sends nothing), minus
     * {@code excludeClientIds} (may be null).
     */
    void sendToAll(Object message, @Nullable Collection<String> clientIds, @Nullable Collection<String> excludeClientIds,
            boolean raw);

    /** @return false if the client's gateway is not connected (the client may still be offline when true) */
    default boolean sendToClient(String clientId, Object message) {
        return sendToClient(clientId, message, false);
    }

    boolean sendToClient(String clientId, Object message, boolean raw);

    /** Sends to the client whose event is being handled. @throws IllegalStateException outside a worker callback */
    default boolean sendToCurrentClient(Object message) {
        return sendToCurrentClient(message, false);
    }

    default boolean sendToCurrentClient(Object message, boolean raw) {
        return sendToClient(ClientContextHolder.currentClientId("sendToCurrentClient"), message, raw);
    }

    /** Closes the client after everything queued for it was written. */
    default boolean closeClient(String clientId) {
        return closeClient(clientId, null);
    }

    /** Sends {@code goodbye} (null: nothing) then closes. */
    boolean closeClient(String clientId, @Nullable Object goodbye);

    default boolean closeCurrentClient() {
        return closeCurrentClient(null);
    }

    default boolean closeCurrentClient(@Nullable Object goodbye) {
        return closeClient(ClientContextHolder.currentClientId("closeCurrentClient"), goodbye);
    }

    /** Closes the client at once, dropping what is queued for it. */
    boolean destroyClient(String clientId);

    default boolean destroyCurrentClient() {
        return destroyClient(ClientContextHolder.currentClientId("destroyCurrentClient"));
    }

    // ---- uids -------------------------------------------------------------------------------------------------

    /** Binds the client to {@code uid}; a client has at most one uid (a previous binding is replaced). */
    void bindUid(String clientId, String uid);

    /** Removes the client's uid binding ({@code uid} is not checked, as in GatewayWorker). */
    void unbindUid(String clientId, @Nullable String uid);

    default void sendToUid(String uid, Object message) {
        sendToUid(List.of(ApiArguments.id("uid", uid)), message, false);
    }

    void sendToUid(Collection<String> uids, Object message, boolean raw);

    // ---- groups -----------------------------------------------------------------------------------------------

    void joinGroup(String clientId, String group);

    void leaveGroup(String clientId, String group);

    /** Dissolves the group on every gateway; its members stay connected. */
    void ungroup(String group);

    default void sendToGroup(String group, Object message) {
        sendToGroup(List.of(ApiArguments.id("group", group)), message, null, false);
    }

    /**
     * Sends once to every member of any of {@code groups} (a client in two listed groups gets it once), minus
     * {@code excludeClientIds} (may be null).
     */
    void sendToGroup(Collection<String> groups, Object message, @Nullable Collection<String> excludeClientIds, boolean raw);

    // ---- history (groups and uids matching a history pattern) ----------------------------------------------------

    /**
     * Sends to a group that keeps history, building the message from its position (offset and epoch), so that the
     * application can put them in its own format: {@code api.sendToGroup("room:1", p -> Map.of("offset", p.offset(),
     * "epoch", p.epoch(), "text", text))}. The plain {@code sendToGroup} keeps history too, without telling the
     * position.
     *
     * @return the message's position
     * @throws IllegalArgumentException when no history pattern matches the group
     */
    default StreamPosition sendToGroup(String group, PositionedMessage message) {
        return Queries.await(async().sendToGroup(group, message));
    }

    /** Sends to a uid that keeps history, as {@link #sendToGroup(String, PositionedMessage)}. */
    default StreamPosition sendToUid(String uid, PositionedMessage message) {
        return Queries.await(async().sendToUid(uid, message));
    }

    /**
     * Recovers a client on a stream: joins the group (or binds the uid), sends every kept message after {@code since}
     * in order, then continues with live messages, without a gap or a duplicate. See {@link Recovery}.
     * <p>
     * Waits for the gateway's answer. On an event loop (a handler that runs there) it answers only when that is
     * already known, as for a gateway of this JVM whose history is kept in memory; otherwise, when the history store
     * or the network would make the loop wait, it throws {@link IllegalStateException} (use {@code async()}). The
     * recovery itself still takes place.
     */
    default Recovery recover(String clientId, HistoryStream stream, @Nullable StreamPosition since) {
        return Queries.await(async().recover(clientId, stream, since));
    }

    /** {@link #recover} for the client whose event is being handled. */
    default Recovery recoverCurrentClient(HistoryStream stream, @Nullable StreamPosition since) {
        return recover(ClientContextHolder.currentClientId("recoverCurrentClient"), stream, since);
    }

    /**
     * The kept messages of a stream after {@code since} (null: from its first one), at most {@code limit}. Waits for the
     * store: on an event loop it answers only when that is at once (the memory store) and otherwise throws
     * {@link IllegalStateException} (use {@code async()}).
     */
    default HistoryPage history(HistoryStream stream, @Nullable StreamPosition since, int limit) {
        return Queries.await(async().history(stream, since, limit));
    }

    // ---- sessions ---------------------------------------------------------------------------------------------

    /** Replaces the client's session. For the current client the callback's session map is replaced too. */
    void setSession(String clientId, @Nullable Map<String, Object> session);

    /** Merges into the client's session ({@code array_replace_recursive}). Also applied to the current client's map. */
    void updateSession(String clientId, Map<String, Object> session);

    // ---- queries (blocking; see async()) ------------------------------------------------------------------------

    default boolean isOnline(String clientId) {
        return Queries.await(async().isOnline(clientId));
    }

    default boolean isUidOnline(String uid) {
        return Queries.await(async().isUidOnline(uid));
    }

    default Map<String, Boolean> isUidsOnline(Collection<String> uids) {
        return Queries.await(async().isUidsOnline(uids));
    }

    default List<String> getClientIdByUid(String uid) {
        return Queries.await(async().getClientIdByUid(uid));
    }

    default Map<String, List<String>> batchGetClientIdByUid(Collection<String> uids) {
        return Queries.await(async().batchGetClientIdByUid(uids));
    }

    /** @return the uid or null when the client has none or is offline */
    default @Nullable String getUidByClientId(String clientId) {
        return Queries.await(async().getUidByClientId(clientId));
    }

    /** @return the session (empty map when none was set) or null when the client is offline */
    default @Nullable Map<String, Object> getSession(String clientId) {
        return Queries.await(async().getSession(clientId));
    }

    default int getClientIdCountByGroup(String group) {
        return Queries.await(async().getClientIdCountByGroup(group));
    }

    /** Alias of {@link #getClientIdCountByGroup}. */
    default int getClientCountByGroup(String group) {
        return getClientIdCountByGroup(group);
    }

    default int getAllClientIdCount() {
        return Queries.await(async().getAllClientIdCount());
    }

    /** Alias of {@link #getAllClientIdCount}. */
    default int getAllClientCount() {
        return getAllClientIdCount();
    }

    default Map<String, Integer> batchGetClientIdCountByGroup(Collection<String> groups) {
        return Queries.await(async().batchGetClientIdCountByGroup(groups));
    }

    default Map<String, Map<String, Object>> getClientSessionsByGroup(String group) {
        return Queries.await(async().getClientSessionsByGroup(group));
    }

    default Map<String, Map<String, Object>> getAllClientSessions() {
        return Queries.await(async().getAllClientSessions());
    }

    default Set<String> getClientIdListByGroup(String group) {
        return Queries.await(async().getClientIdListByGroup(group));
    }

    default Set<String> getAllClientIdList() {
        return Queries.await(async().getAllClientIdList());
    }

    default Set<String> getUidListByGroup(String group) {
        return Queries.await(async().getUidListByGroup(group));
    }

    default int getUidCountByGroup(String group) {
        return Queries.await(async().getUidCountByGroup(group));
    }

    default Set<String> getAllUidList() {
        return Queries.await(async().getAllUidList());
    }

    default int getAllUidCount() {
        return Queries.await(async().getAllUidCount());
    }

    default Set<String> getAllGroupIdList() {
        return Queries.await(async().getAllGroupIdList());
    }

    default Map<String, Set<String>> getAllGroupUidList() {
        return Queries.await(async().getAllGroupUidList());
    }

    default Map<String, Integer> getAllGroupUidCount() {
        return Queries.await(async().getAllGroupUidCount());
    }

    default Map<String, Set<String>> getAllGroupClientIdList() {
        return Queries.await(async().getAllGroupClientIdList());
    }

    default Map<String, Integer> getAllGroupClientIdCount() {
        return Queries.await(async().getAllGroupClientIdCount());
    }
}
