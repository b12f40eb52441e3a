package org.jgateway.history;

/**
 * What a {@link HistoryStore} counted since it was created, for metrics and status pages; a store reports 0 for what
 * it does not count (the Redis store leaves trimming and expiry to Redis, the memory store never fails).
 *
 * @param store          which store: {@code memory}, {@code redis}, or {@code none}
 * @param appended       messages kept
 * @param trimmed        messages dropped because their stream held its size already
 * @param expired        messages dropped because they were older than their ttl
 * @param evicted        messages dropped early to keep within a memory cap
 * @param appendFailures messages neither kept nor sent because the store failed
 * @param readFailures   reads (recoveries, history pages) that failed because the store failed
 * @param memoryInUse    bytes of history held in this process's memory
 */
public record HistoryCounters(String store, long appended, long trimmed, long expired, long evicted,
        long appendFailures, long readFailures, long memoryInUse) {
}
