package org.jgateway.history;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a {@link MemoryHistoryStore}: messages kept, and every message that left history, by reason. */
public final class MemoryHistoryStats {

    final LongAdder appended = new LongAdder();
    final LongAdder trimmed = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder evicted = new LongAdder();
    final LongAdder streamsDropped = new LongAdder();

    MemoryHistoryStats() {
    }

    /** Messages appended. */
    public long appended() {
        return appended.sum();
    }

    /** Messages dropped because their stream held its size already (the normal end of a message's history). */
    public long trimmed() {
        return trimmed.sum();
    }

    /** Messages dropped because they were older than their ttl. */
    public long expired() {
        return expired.sum();
    }

    /** Messages dropped early to keep the store within its memory cap. */
    public long evicted() {
        return evicted.sum();
    }

    /** Streams forgotten (with their epoch): idle and empty for their ttl, or emptied under memory pressure. */
    public long streamsDropped() {
        return streamsDropped.sum();
    }

    @Override
    public String toString() {
        return "MemoryHistoryStats{appended=" + appended() + ", trimmed=" + trimmed() + ", expired=" + expired()
                + ", evicted=" + evicted() + ", streamsDropped=" + streamsDropped() + '}';
    }
}
