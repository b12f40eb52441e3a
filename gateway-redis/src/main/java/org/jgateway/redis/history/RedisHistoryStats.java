package org.jgateway.redis.history;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a {@link RedisHistoryStore}: what it kept and read, and every call Redis did not carry out. */
public final class RedisHistoryStats {

    final LongAdder appended = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder epochsStarted = new LongAdder();
    final LongAdder appendFailures = new LongAdder();
    final LongAdder readFailures = new LongAdder();

    RedisHistoryStats() {
    }

    /** Messages kept (and then published). */
    public long appended() {
        return appended.sum();
    }

    /** Appends built again for a newer position because another process appended to the stream first. */
    public long retries() {
        return retries.sum();
    }

    /** Streams this store started a new epoch for: first used, expired, or lost by Redis. */
    public long epochsStarted() {
        return epochsStarted.sum();
    }

    /** Messages neither kept nor sent: Redis was unreachable, did not answer in time, or refused the write. */
    public long appendFailures() {
        return appendFailures.sum();
    }

    /** Reads (recoveries, history pages) that failed for the same reasons. */
    public long readFailures() {
        return readFailures.sum();
    }

    @Override
    public String toString() {
        return "RedisHistoryStats{appended=" + appended() + ", retries=" + retries() + ", epochsStarted="
                + epochsStarted() + ", appendFailures=" + appendFailures() + ", readFailures=" + readFailures() + '}';
    }
}
