package org.jgateway.history;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * History in this JVM's memory: a ring buffer per stream (its policy's size), messages dropped after their policy's
 * ttl, and all streams together within {@link HistoryOptions#maxMemory()}: when an append goes beyond it, expired
 * messages go first, then the oldest messages of the least recently used streams. Every message that leaves early is
 * counted ({@link #stats()}).
 * <p>
 * A stream gets a new random epoch when it is created: on its first use, after this store was created (a restart), or
 * after it was dropped (idle and empty for its ttl, or emptied under memory pressure). Readers that knew the old epoch
 * then learn that their history is lost rather than receiving a misleading one.
 * <p>
 * Only the processes that share this object see its history: senders and gateways must run in one JVM. Thread-safe;
 * each stream has its own lock, held while a message is built and published so that a stream's messages reach the
 * gateways in offset order.
 */
public final class MemoryHistoryStore implements HistoryStore {

    /** Bytes counted per kept message besides its body: the entry, its array slot, its time stamp. */
    static final int MESSAGE_OVERHEAD = 64;
    /** Bytes counted per stream besides its id: the map entry, the ring buffer, position and epoch. */
    static final int STREAM_OVERHEAD = 256;

    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final HistoryOptions options;
    private final Clock clock;
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicLong memory = new AtomicLong();
    private final MemoryHistoryStats stats = new MemoryHistoryStats();
    private final ReentrantLock evicting = new ReentrantLock();
    private volatile long nextSweep;

    /** A store with the system clock. */
    public MemoryHistoryStore(HistoryOptions options) {
        this(options, Clock.systemUTC());
    }

    /** A store whose ttls follow {@code clock}. */
    public MemoryHistoryStore(HistoryOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The patterns and the memory cap. */
    public HistoryOptions options() {
        return options;
    }

    /** What was kept and dropped, and the memory in use. */
    public MemoryHistoryStats stats() {
        return stats;
    }

    /** Bytes counted against {@link HistoryOptions#maxMemory()} now. */
    public long memoryInUse() {
        return memory.get();
    }

    /** Streams held now (with or without messages). */
    public int streamCount() {
        return streams.size();
    }

    @Override
    public boolean retains(HistoryStream stream) {
        return options.policyFor(stream) != null;
    }

    @Override
    public StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body, Publisher publish) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(publish, "publish");
        StreamPosition position = locked(stream, s -> {
            StreamPosition next = new StreamPosition(s.top + 1, s.epoch);
            byte[] bytes = Objects.requireNonNull(body.apply(next), "message body");
            s.top++;
            s.keep(clock.millis(), bytes);
            stats.appended.increment();
            publish.publish(next, bytes);
            return next;
        });
        afterGrowth();
        return position;
    }

    @Override
    public HistoryPage read(HistoryStream stream, StreamPosition since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        HistoryPage page = locked(stream, s -> s.read(since, limit));
        afterGrowth();
        return page;
    }

    /** Runs {@code action} holding the stream's lock, its expired messages dropped; creates the stream if needed. */
    private <T> T locked(HistoryStream stream, Function<Stream, T> action) {
        HistoryPolicy policy = policy(stream);
        while (true) {
            Stream s = stream(stream, policy);
            synchronized (s) {
                // A stream dropped meanwhile is out of the map: the next turn finds or creates its successor.
                if (!s.dropped) {
                    s.expire(clock.millis());
                    return action.apply(s);
                }
            }
        }
    }

    private HistoryPolicy policy(HistoryStream stream) {
        HistoryPolicy policy = options.policyFor(stream);
        if (policy == null) {
            throw NoHistory.notRetained(stream);
        }
        return policy;
    }

    private Stream stream(HistoryStream stream, HistoryPolicy policy) {
        Stream s = streams.get(stream.key());
        if (s != null) {
            return s;
        }
        return streams.computeIfAbsent(stream.key(), key -> {
            Stream created = new Stream(key, policy);
            memory.addAndGet(created.overhead);
            return created;
        });
    }

    /** After anything that may have added memory: sweep now and then, and evict down to the cap. */
    private void afterGrowth() {
        long now = clock.millis();
        if (memory.get() <= options.maxMemory() && now < nextSweep) {
            return;
        }
        evicting.lock();
        try {
            if (now >= nextSweep) {
                nextSweep = now + SWEEP_INTERVAL_MILLIS;
                sweep(now);
            }
            if (memory.get() > options.maxMemory()) {
                evictLeastRecentlyUsed();
            }
        } finally {
            evicting.unlock();
        }
    }

    /** Drops expired messages everywhere, and streams left empty and unused for their ttl. */
    private void sweep(long now) {
        for (Stream s : streams.values()) {
            synchronized (s) {
                s.expire(now);
                if (s.messages.isEmpty() && now - s.lastUsed >= s.policy.ttl().toMillis()) {
                    drop(s);
                }
            }
        }
    }

    /** Oldest messages of the least recently used streams first, then empty streams, until within the cap. */
    private void evictLeastRecentlyUsed() {
        List<Stream> byAge = new ArrayList<>(streams.values());
        byAge.sort(Comparator.comparingLong(s -> s.lastUsed));
        for (Stream s : byAge) {
            synchronized (s) {
                while (memory.get() > options.maxMemory() && !s.messages.isEmpty()) {
                    s.removeOldest();
                    stats.evicted.increment();
                }
            }
            if (memory.get() <= options.maxMemory()) {
                return;
            }
        }
        for (Stream s : byAge) {
            synchronized (s) {
                if (s.messages.isEmpty()) {
                    drop(s);
                }
            }
            if (memory.get() <= options.maxMemory()) {
                return;
            }
        }
    }

    /** Forgets a stream (its epoch with it); called holding its lock. */
    private void drop(Stream s) {
        if (!s.dropped) {
            s.dropped = true;
            while (!s.messages.isEmpty()) {
                s.removeOldest();
            }
            streams.remove(s.key, s);
            memory.addAndGet(-s.overhead);
            stats.streamsDropped.increment();
        }
    }

    private static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    @Override
    public String toString() {
        return "MemoryHistoryStore{" + options + ", memoryInUse=" + memory.get() + '}';
    }

    private record Kept(long at, byte[] body) {
    }

    /** One stream's ring buffer; guarded by itself. */
    private final class Stream {

        final String key;
        final HistoryPolicy policy;
        final String epoch = newEpoch();
        final long overhead;
        final ArrayDeque<Kept> messages = new ArrayDeque<>();
        long top;
        long lastUsed = clock.millis();
        boolean dropped;

        Stream(String key, HistoryPolicy policy) {
            this.key = key;
            this.policy = policy;
            this.overhead = STREAM_OVERHEAD + 2L * key.length();
        }

        void keep(long now, byte[] body) {
            lastUsed = now;
            messages.addLast(new Kept(now, body));
            memory.addAndGet(MESSAGE_OVERHEAD + body.length);
            if (messages.size() > policy.size()) {
                removeOldest();
                stats.trimmed.increment();
            }
        }

        void expire(long now) {
            long deadline = now - policy.ttl().toMillis();
            while (!messages.isEmpty() && messages.peekFirst().at() <= deadline) {
                removeOldest();
                stats.expired.increment();
            }
        }

        void removeOldest() {
            Kept oldest = messages.removeFirst();
            memory.addAndGet(-(MESSAGE_OVERHEAD + oldest.body().length));
        }

        HistoryPage read(StreamPosition since, int limit) {
            lastUsed = clock.millis();
            StreamPosition position = new StreamPosition(top, epoch);
            long after = since == null ? 0 : since.offset();
            long firstKept = top - messages.size() + 1;
            if (since != null && (!since.epoch().equals(epoch) || after > top)) {
                return HistoryPage.lost(position);
            }
            if (after + 1 < firstKept) {
                return HistoryPage.lost(position);
            }
            List<HistoryMessage> found = new ArrayList<>((int) Math.min(limit, top - after));
            long offset = firstKept;
            for (Kept kept : messages) {
                if (offset > after) {
                    if (found.size() == limit) {
                        break;
                    }
                    found.add(new HistoryMessage(offset, kept.body()));
                }
                offset++;
            }
            return new HistoryPage(found, position, true);
        }
    }
}
