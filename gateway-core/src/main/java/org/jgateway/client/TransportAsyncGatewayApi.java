package org.jgateway.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterPresence;
import org.jgateway.engine.Membership;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.protocol.php.PhpValues;
import org.jgateway.transport.FutureFailures;
import org.jspecify.annotations.Nullable;

/**
 * The queries of the Gateway API over a {@link GatewayTransport}: each one is the frame GatewayWorker sends, fanned
 * out by {@link QueryFanOut}, and the replies mapped to Java values with full client_ids. List queries are computed
 * from SELECT replies without GatewayWorker's {@code break} bug (a connection without uid or groups no longer hides the
 * rest of its gateway) and with {@code "0"} counted as a real uid.
 * <p>
 * Presence queries (uids online, members and counts of groups, totals) are answered by the engine's
 * {@link ClusterPresence} when the {@link ClusterBroker} has one for the known gateways; when its store fails, they
 * are asked of every gateway instead, and that is counted.
 */
final class TransportAsyncGatewayApi implements AsyncGatewayApi {

    private static final List<String> UID_ONLY = List.of(QueryFrames.UID);
    private static final List<String> GROUPS_ONLY = List.of(QueryFrames.GROUPS);
    private static final List<String> UID_AND_GROUPS = List.of(QueryFrames.UID, QueryFrames.GROUPS);

    private final QueryFanOut fanOut;
    private final CommandFanOut commands;
    private final MessageBodies messages;
    private final ClusterBroker broker;
    private final StreamSender streams;

    TransportAsyncGatewayApi(QueryFanOut fanOut, CommandFanOut commands, MessageBodies messages, ClusterBroker broker,
            StreamSender streams) {
        this.fanOut = fanOut;
        this.commands = commands;
        this.messages = messages;
        this.broker = broker;
        this.streams = streams;
    }

    // ---- pushes ----------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> sendToUid(Collection<String> uids, Object message, boolean raw) {
        return checked(() -> {
            PlainPush push = PlainPush.toUids(uids, message, raw, messages, streams);
            if (push.ids().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            GatewayFrame frame = CommandFrames.sendToUid(push.ids(), push.body(), raw);
            return whenRouted(broker.uidOwnersAsync(push.ids(), commands.known("sendToUid")),
                    gateways -> commands.sendToEach("sendToUid", gateways, frame));
        });
    }

    @Override
    public CompletableFuture<Void> sendToGroup(Collection<String> groups, Object message,
            @Nullable Collection<String> excludeClientIds, boolean raw) {
        return checked(() -> {
            PlainPush push = PlainPush.toGroups(groups, message, excludeClientIds, raw, messages, streams);
            if (push.ids().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return whenRouted(broker.groupOwnersAsync(push.ids(), commands.known("sendToGroup")),
                    gateways -> commands.send("sendToGroup", gateways, push.excludedByGateway(),
                            exclude -> CommandFrames.sendToGroup(push.ids(), exclude, push.body(), raw)));
        });
    }

    /**
     * Sends once the owners are known: on the thread that completes the lookup (the engine's, in the order of the
     * lookups), or on the caller's thread when it was answered already. A caller on an event loop has the send queued
     * on that loop instead, behind whatever the engine's thread queued there for earlier pushes: a transport writes
     * at once when called on its connection's loop, and would otherwise overtake them.
     */
    private static CompletableFuture<Void> whenRouted(CompletableFuture<Collection<String>> owners,
            Consumer<Collection<String>> send) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        return loop == null ? owners.thenAccept(send) : owners.thenAcceptAsync(send, loop);
    }

    // ---- history ---------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<StreamPosition> sendToGroup(String group, PositionedMessage message) {
        return checked(() -> CompletableFuture.completedFuture(
                streams.send(HistoryStream.group(ApiArguments.id("group", group)), message, Map.of())));
    }

    @Override
    public CompletableFuture<StreamPosition> sendToUid(String uid, PositionedMessage message) {
        return checked(() -> CompletableFuture.completedFuture(
                streams.send(HistoryStream.uid(ApiArguments.id("uid", uid)), message, Map.of())));
    }

    @Override
    public CompletableFuture<Recovery> recover(String clientId, HistoryStream stream, @Nullable StreamPosition since) {
        return forClient(clientId, client -> {
            Objects.requireNonNull(stream, "stream");
            String query = "recover(" + clientId + ", " + stream + ")";
            // The gateway joins the group (binds the uid): the engine learns it first, as for joinGroup.
            Membership change = stream.kind() == HistoryStream.Kind.GROUP ? Membership.joinGroup(client, stream.id())
                    : Membership.bindUid(client, stream.id());
            broker.membershipChanging(change);
            return fanOut.unicast(query, client.gatewayAddress(), QueryFrames.recover(client, stream, since),
                    (gateway, payload) -> recovery(query, gateway, PhpUnserializer.unserialize(payload)));
        });
    }

    @Override
    public CompletableFuture<HistoryPage> history(HistoryStream stream, @Nullable StreamPosition since, int limit) {
        return checked(() -> streams.store().readAsync(Objects.requireNonNull(stream, "stream"), since, limit));
    }

    /** The RECOVER reply: an array, {@code N;} when the client was gone, empty when the gateway refused. */
    private static Recovery recovery(String query, GatewayAddress gateway, Object reply) {
        if (reply == null) {
            throw new GatewayException(query + ": the client is not connected to " + gateway.text());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        PhpValues.forEach(reply, (key, value) -> fields.put(PhpValues.toText(key), value));
        if (fields.isEmpty()) {
            throw new GatewayException(query + ": refused by " + gateway.text()
                    + " (no history for the stream there, a recovery of that client still running, or not a JGateway"
                    + " gateway)");
        }
        return new Recovery(PhpValues.toLong(fields.get("recovered")) != 0,
                new StreamPosition(PhpValues.toLong(fields.get("offset")), PhpValues.toText(fields.get("epoch"))),
                (int) PhpValues.toLong(fields.get("delivered")));
    }

    // ---- one client ------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Boolean> isOnline(String clientId) {
        return forClient(clientId, client -> fanOut.unicast("isOnline(" + clientId + ")", client.gatewayAddress(),
                QueryFrames.forClient(GatewayCommand.IS_ONLINE, client),
                (gateway, payload) -> PhpValues.toLong(PhpUnserializer.unserialize(payload)) != 0));
    }

    @Override
    public CompletableFuture<@Nullable Map<String, Object>> getSession(String clientId) {
        return forClient(clientId, client -> fanOut.unicast("getSession(" + clientId + ")", client.gatewayAddress(),
                QueryFrames.forClient(GatewayCommand.GET_SESSION_BY_CLIENT_ID, client), (gateway, payload) -> {
                    // The gateway sends the stored session string itself: N; for an unknown connection.
                    Object session = PhpUnserializer.unserialize(payload);
                    return session == null ? null : PhpValues.session(session);
                }));
    }

    @Override
    public CompletableFuture<@Nullable String> getUidByClientId(String clientId) {
        return forClient(clientId, client -> {
            GatewayFrame select = QueryFrames.select(UID_ONLY,
                    Map.of("connection_id", List.of(client.connectionIdUnsigned())));
            return fanOut.unicast("getUidByClientId(" + clientId + ")", client.gatewayAddress(), select,
                    (gateway, payload) -> {
                        for (SelectRow row : SelectRow.parse(gateway, payload)) {
                            if (row.clientId().equals(clientId)) {
                                return row.uid();
                            }
                        }
                        return null;
                    });
        });
    }

    // ---- uids ------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<List<String>> getClientIdByUid(String uid) {
        return checked(() -> clientIdsByUid(ApiArguments.id("uid", uid)));
    }

    private CompletableFuture<List<String>> clientIdsByUid(String uid) {
        return presence(presence -> presence.clientIdsByUids(Set.of(uid)).thenApply(byUid -> byUid.get(uid)),
                () -> fanOut.broadcast("getClientIdByUid(" + uid + ")",
                QueryFrames.withExt(GatewayCommand.GET_CLIENT_ID_BY_UID, uid),
                (gateway, payload) -> clientIds(gateway, PhpUnserializer.unserialize(payload)),
                TransportAsyncGatewayApi::concat));
    }

    /** True as soon as one gateway knows a client of the uid, even when others did not answer. */
    @Override
    public CompletableFuture<Boolean> isUidOnline(String uid) {
        return checked(() -> clientIdsByUid(ApiArguments.id("uid", uid)).handle((clientIds, failure) -> {
            if (failure == null) {
                return !clientIds.isEmpty();
            }
            Throwable cause = FutureFailures.cause(failure);
            if (cause instanceof GatewayQueryException partial) {
                List<String> found = partial.partialResult();
                if (found != null && !found.isEmpty()) {
                    return true;
                }
                throw new GatewayQueryException("isUidOnline(" + uid + ")", false, partial.missingGateways());
            }
            throw new CompletionException(cause);
        }));
    }

    @Override
    public CompletableFuture<Map<String, List<String>>> batchGetClientIdByUid(Collection<String> uids) {
        return checked(() -> clientIdsByUids("batchGetClientIdByUid", ApiArguments.ids("uid", uids), Function.identity()));
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> isUidsOnline(Collection<String> uids) {
        return checked(() -> clientIdsByUids("isUidsOnline", ApiArguments.ids("uid", uids), clientIds -> {
            Map<String, Boolean> online = new LinkedHashMap<>();
            clientIds.forEach((uid, ids) -> online.put(uid, !ids.isEmpty()));
            return online;
        }));
    }

    private <R> CompletableFuture<R> clientIdsByUids(String query, Set<String> uids,
            Function<Map<String, List<String>>, R> finish) {
        if (uids.isEmpty()) {
            return CompletableFuture.completedFuture(finish.apply(new LinkedHashMap<>()));
        }
        return presence(presence -> presence.clientIdsByUids(uids).thenApply(finish), () -> fanOut.broadcast(query + uids, QueryFrames.withJsonList(GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID, uids),
                (gateway, payload) -> {
                    Map<String, List<String>> part = new LinkedHashMap<>();
                    PhpValues.forEach(PhpUnserializer.unserialize(payload),
                            (uid, ids) -> part.put(PhpValues.toText(uid), clientIds(gateway, ids)));
                    return part;
                }, parts -> {
                    Map<String, List<String>> merged = new LinkedHashMap<>();
                    for (String uid : uids) {
                        merged.put(uid, new ArrayList<>());
                    }
                    for (Map<String, List<String>> part : parts) {
                        part.forEach((uid, ids) -> merged.computeIfAbsent(uid, u -> new ArrayList<>()).addAll(ids));
                    }
                    return finish.apply(merged);
                }));
    }

    // ---- counts ----------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Integer> getClientIdCountByGroup(String group) {
        return checked(() -> {
            String id = ApiArguments.id("group", group);
            return presence(presence -> presence.clientCountByGroup(id),
                    () -> clientCount("getClientIdCountByGroup(" + id + ")", id));
        });
    }

    @Override
    public CompletableFuture<Integer> getAllClientIdCount() {
        return presence(ClusterPresence::clientCount, () -> clientCount("getAllClientIdCount", ""));
    }

    private CompletableFuture<Integer> clientCount(String query, String group) {
        return fanOut.broadcast(query, QueryFrames.withExt(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, group),
                (gateway, payload) -> PhpValues.toLong(PhpUnserializer.unserialize(payload)),
                counts -> Math.toIntExact(counts.stream().mapToLong(Long::longValue).sum()));
    }

    @Override
    public CompletableFuture<Map<String, Integer>> batchGetClientIdCountByGroup(Collection<String> groups) {
        return checked(() -> {
            Set<String> ids = ApiArguments.ids("group", groups);
            if (ids.isEmpty()) {
                return CompletableFuture.completedFuture(new LinkedHashMap<>());
            }
            return fanOut.broadcast("batchGetClientIdCountByGroup" + ids,
                    QueryFrames.withJsonList(GatewayCommand.BATCH_GET_CLIENT_COUNT_BY_GROUP, ids), (gateway, payload) -> {
                        Map<String, Long> part = new LinkedHashMap<>();
                        PhpValues.forEach(PhpUnserializer.unserialize(payload),
                                (group, count) -> part.put(PhpValues.toText(group), PhpValues.toLong(count)));
                        return part;
                    }, parts -> {
                        Map<String, Integer> merged = new LinkedHashMap<>();
                        for (String group : ids) {
                            merged.put(group, 0);
                        }
                        for (Map<String, Long> part : parts) {
                            part.forEach((group, count) -> merged.merge(group, Math.toIntExact(count), Math::addExact));
                        }
                        return merged;
                    });
        });
    }

    // ---- sessions --------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Map<String, Map<String, Object>>> getClientSessionsByGroup(String group) {
        return checked(() -> {
            String id = ApiArguments.id("group", group);
            return sessions("getClientSessionsByGroup(" + id + ")",
                    QueryFrames.withExt(GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP, id));
        });
    }

    @Override
    public CompletableFuture<Map<String, Map<String, Object>>> getAllClientSessions() {
        return sessions("getAllClientSessions", QueryFrames.withExt(GatewayCommand.GET_ALL_CLIENT_SESSIONS, ""));
    }

    /** Replies are {@code [connection_id => stored session string]}; a never-set session ('') is an empty map. */
    private CompletableFuture<Map<String, Map<String, Object>>> sessions(String query, GatewayFrame frame) {
        return fanOut.broadcast(query, frame, (gateway, payload) -> {
            Map<String, Map<String, Object>> part = new LinkedHashMap<>();
            PhpValues.forEach(PhpUnserializer.unserialize(payload), (connectionId, stored) -> part.put(
                    gateway.clientId(PhpValues.toLong(connectionId)), PhpValues.sessionFromString(stored)));
            return part;
        }, parts -> {
            Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
            parts.forEach(merged::putAll);
            return merged;
        });
    }

    // ---- lists from SELECT -------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Set<String>> getClientIdListByGroup(String group) {
        return checked(() -> {
            String id = ApiArguments.id("group", group);
            return presence(presence -> presence.clientIdsByGroup(id),
                    () -> selectInGroup("getClientIdListByGroup", id, TransportAsyncGatewayApi::clientIdsOf));
        });
    }

    @Override
    public CompletableFuture<Set<String>> getAllClientIdList() {
        return selectAll("getAllClientIdList", UID_ONLY, TransportAsyncGatewayApi::clientIdsOf);
    }

    @Override
    public CompletableFuture<Set<String>> getUidListByGroup(String group) {
        return checked(() -> {
            String id = ApiArguments.id("group", group);
            return presence(presence -> presence.uidsByGroup(id),
                    () -> selectInGroup("getUidListByGroup", id, TransportAsyncGatewayApi::uidsOf));
        });
    }

    @Override
    public CompletableFuture<Integer> getUidCountByGroup(String group) {
        return checked(() -> {
            String id = ApiArguments.id("group", group);
            return presence(presence -> presence.uidsByGroup(id).thenApply(Set::size),
                    () -> selectInGroup("getUidCountByGroup", id, rows -> uidsOf(rows).size()));
        });
    }

    @Override
    public CompletableFuture<Set<String>> getAllUidList() {
        return selectAll("getAllUidList", UID_ONLY, TransportAsyncGatewayApi::uidsOf);
    }

    @Override
    public CompletableFuture<Integer> getAllUidCount() {
        return presence(ClusterPresence::uidCount,
                () -> selectAll("getAllUidCount", UID_ONLY, rows -> uidsOf(rows).size()));
    }

    @Override
    public CompletableFuture<Map<String, Set<String>>> getAllGroupUidList() {
        return selectAll("getAllGroupUidList", UID_AND_GROUPS, TransportAsyncGatewayApi::uidsByGroup);
    }

    @Override
    public CompletableFuture<Map<String, Integer>> getAllGroupUidCount() {
        return selectAll("getAllGroupUidCount", UID_AND_GROUPS, rows -> sizes(uidsByGroup(rows)));
    }

    @Override
    public CompletableFuture<Map<String, Set<String>>> getAllGroupClientIdList() {
        return selectAll("getAllGroupClientIdList", GROUPS_ONLY, TransportAsyncGatewayApi::clientIdsByGroup);
    }

    @Override
    public CompletableFuture<Map<String, Integer>> getAllGroupClientIdCount() {
        return selectAll("getAllGroupClientIdCount", GROUPS_ONLY, rows -> sizes(clientIdsByGroup(rows)));
    }

    @Override
    public CompletableFuture<Set<String>> getAllGroupIdList() {
        return presence(ClusterPresence::groupIds, () -> fanOut.broadcast("getAllGroupIdList",
                QueryFrames.withExt(GatewayCommand.GET_GROUP_ID_LIST, ""),
                (gateway, payload) -> {
                    List<String> groups = new ArrayList<>();
                    for (Object group : PhpValues.values(PhpUnserializer.unserialize(payload))) {
                        groups.add(PhpValues.toText(group));
                    }
                    return groups;
                }, parts -> {
                    Set<String> merged = new LinkedHashSet<>();
                    parts.forEach(merged::addAll);
                    return merged;
                }));
    }

    private <R> CompletableFuture<R> selectInGroup(String query, String group, Function<List<SelectRow>, R> finish) {
        String id = ApiArguments.id("group", group);
        return select(query + "(" + id + ")", UID_ONLY, Map.of(QueryFrames.GROUPS, List.of(id)), finish);
    }

    private <R> CompletableFuture<R> selectAll(String query, List<String> fields, Function<List<SelectRow>, R> finish) {
        return select(query, fields, Map.of(), finish);
    }

    private <R> CompletableFuture<R> select(String query, List<String> fields, Map<String, List<String>> where,
            Function<List<SelectRow>, R> finish) {
        return fanOut.broadcast(query, QueryFrames.select(fields, where), SelectRow::parse,
                parts -> finish.apply(concat(parts)));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Set<String> clientIdsOf(List<SelectRow> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.clientId()));
        return ids;
    }

    private static Set<String> uidsOf(List<SelectRow> rows) {
        Set<String> uids = new LinkedHashSet<>();
        for (SelectRow row : rows) {
            if (row.uid() != null) {
                uids.add(row.uid());
            }
        }
        return uids;
    }

    private static Map<String, Set<String>> uidsByGroup(List<SelectRow> rows) {
        Map<String, Set<String>> byGroup = new LinkedHashMap<>();
        for (SelectRow row : rows) {
            if (row.uid() != null) {
                for (String group : row.groups()) {
                    byGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(row.uid());
                }
            }
        }
        return byGroup;
    }

    private static Map<String, Set<String>> clientIdsByGroup(List<SelectRow> rows) {
        Map<String, Set<String>> byGroup = new LinkedHashMap<>();
        for (SelectRow row : rows) {
            for (String group : row.groups()) {
                byGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(row.clientId());
            }
        }
        return byGroup;
    }

    private static Map<String, Integer> sizes(Map<String, Set<String>> sets) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sets.forEach((key, set) -> sizes.put(key, set.size()));
        return sizes;
    }

    /** A PHP list of connection ids as client_ids of {@code gateway}. */
    private static List<String> clientIds(GatewayAddress gateway, Object connectionIds) {
        List<String> ids = new ArrayList<>();
        for (Object connectionId : PhpValues.values(connectionIds)) {
            ids.add(gateway.clientId(PhpValues.toLong(connectionId)));
        }
        return ids;
    }

    private static <T> List<T> concat(List<List<T>> parts) {
        List<T> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    /**
     * Asks the engine's presence when it answers for the known gateways, else every gateway; the engine's failure
     * falls back to asking every gateway and is counted.
     */
    private <R> CompletableFuture<R> presence(Function<ClusterPresence, CompletableFuture<R>> engine,
            Supplier<CompletableFuture<R>> gateways) {
        ClusterPresence presence = broker.presence(fanOut.knownGateways());
        if (presence == null) {
            return gateways.get();
        }
        return engine.apply(presence).exceptionallyCompose(failure -> {
            broker.stats().presenceFallback();
            return gateways.get();
        });
    }

    private <R> CompletableFuture<R> forClient(String clientId, Function<ClientId, CompletableFuture<R>> query) {
        return checked(() -> query.apply(ApiArguments.clientId(clientId)));
    }

    /** Argument errors become a failed future, as {@link AsyncGatewayApi} documents, instead of a throw. */
    private static <R> CompletableFuture<R> checked(Supplier<CompletableFuture<R>> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
