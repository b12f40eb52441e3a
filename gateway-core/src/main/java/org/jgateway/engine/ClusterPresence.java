package org.jgateway.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Presence answered from cluster state the gateways keep (see {@link ClusterBroker#presence}), without asking every
 * gateway. Client ids are full 20-character client_ids; uids and groups the strings the API was given. A future
 * fails when the store cannot answer; the Gateway API then asks every gateway instead and counts a
 * {@link BrokerStats#presenceFallbacks() presence fallback}.
 */
public interface ClusterPresence {

    /** The clients bound to each of {@code uids} (every uid is a key; an offline uid maps to an empty list). */
    CompletableFuture<Map<String, List<String>>> clientIdsByUids(Set<String> uids);

    /** The members of {@code group}. */
    CompletableFuture<Set<String>> clientIdsByGroup(String group);

    /** The number of members of {@code group}. */
    CompletableFuture<Integer> clientCountByGroup(String group);

    /** The number of connected clients. */
    CompletableFuture<Integer> clientCount();

    /** The distinct uids of the members of {@code group}. */
    CompletableFuture<Set<String>> uidsByGroup(String group);

    /** The number of distinct uids bound to at least one client. */
    CompletableFuture<Integer> uidCount();

    /** The groups with at least one member. */
    CompletableFuture<Set<String>> groupIds();
}
