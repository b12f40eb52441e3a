package org.jgateway.redis.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the gateways' index in Redis: writes that failed (each makes the gateway rebuild its state once Redis
 * answers again; meanwhile senders send it every push), rebuilds, the gateways currently announced and the clients
 * Redis holds for them.
 */
public final class IndexSyncStats {

    private final LongAdder writeFailures = new LongAdder();
    private final LongAdder rebuilds = new LongAdder();
    private final AtomicInteger announced = new AtomicInteger();
    private final AtomicLong indexedClients = new AtomicLong();

    /** Writes of the index that Redis did not confirm. */
    public long writeFailures() {
        return writeFailures.sum();
    }

    /** Times a gateway wrote its whole state again (at start, after an outage, after Redis lost it). */
    public long rebuilds() {
        return rebuilds.sum();
    }

    /** Gateway listeners of this process whose state in Redis is complete and announced. */
    public int announcedGateways() {
        return announced.get();
    }

    /** Clients of the announced gateway listeners that Redis holds, as Redis counted them at their last heartbeat. */
    public long indexedClients() {
        return indexedClients.get();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void rebuilt() {
        rebuilds.increment();
    }

    void announced(boolean now, boolean before) {
        if (now != before) {
            announced.addAndGet(now ? 1 : -1);
        }
    }

    /** One listener's count changed from {@code before} to {@code now}. */
    void indexedClients(long now, long before) {
        indexedClients.addAndGet(now - before);
    }
}
