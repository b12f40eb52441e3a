package org.jgateway.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The queries of {@link GatewayApi}, asynchronous. Each future completes within the query timeout: with the result,
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
}
