package org.jgateway.history;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where the history of groups and uids is kept: the memory store ({@link MemoryHistoryStore}) for a cluster in one
 * JVM, a shared store (Redis Streams, in the gateway-redis module) when senders and gateways run in different
 * processes.
 * <p>
 * The senders append (the Gateway API, where the message body is built, so that the body can carry its own
 * position); the gateways read, to recover a client. Every implementation keeps to the same contract: offsets are
 * assigned without gaps (1, 2, 3... per epoch), a stream's appends are published in offset order, and a read never
 * returns a partial history as if it were complete.
 */
public interface HistoryStore {

    /** A store that keeps nothing: every stream is without history. */
    static HistoryStore none() {
        return NoHistory.INSTANCE;
    }

    /** Whether {@code stream} keeps history (a pattern matches it). */
    boolean retains(HistoryStream stream);

    /**
     * Appends a message to a stream that {@linkplain #retains retains} history: assigns the next position, builds the
     * body with it, keeps the body, then hands position and body to {@code publish}. The messages of one stream are
     * published one at a time, in offset order, so {@code publish} must not block for long (it writes to the
     * gateways' connections).
     *
     * @param body    builds the message from its position; called once per attempt: a shared store calls it again,
     *                for the next position, when another process appended to the stream first, so it should have
     *                no side effects
     * @param publish delivers the kept message (to the gateways)
     * @return the message's position
     * @throws IllegalArgumentException    when the stream keeps no history
     * @throws HistoryUnavailableException when a shared store cannot be reached: nothing was kept or published
     */
    StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body, Publisher publish);

    /**
     * The retained messages after {@code since}, oldest first, at most {@code limit}. With {@code since} null, from
     * the stream's first message in its current epoch. When {@code since} is of another epoch or older than what is
     * still retained, returns {@link HistoryPage#lost} with the current position.
     *
     * @throws IllegalArgumentException    when the stream keeps no history, or {@code limit} is not positive
     * @throws HistoryUnavailableException when a shared store cannot be reached
     */
    HistoryPage read(HistoryStream stream, StreamPosition since, int limit);

    /**
     * {@link #read} without waiting for the store: the gateway recovers clients with it, on its event loops, which must
     * not wait for a store's I/O. The future fails with what {@code read} throws. The default reads on the calling
     * thread and returns a completed future: right for a store that answers from memory ({@link MemoryHistoryStore});
     * a store whose read waits on the network or a disk overrides it with a read that completes later, on a thread of
     * its own.
     * <p>
     * An asynchronous read rather than an executor of the gateway's that would run blocking reads: a store in memory
     * then answers with no thread hop, a store with an asynchronous client (Redis) keeps no thread waiting per
     * recovery (thousands recover at once after a gateway restart), and no pool needs a size, a queue bound or a
     * shutdown.
     */
    default CompletableFuture<HistoryPage> readAsync(HistoryStream stream, StreamPosition since, int limit) {
        try {
            return CompletableFuture.completedFuture(read(stream, since, limit));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The stream's newest position (offset 0 with a fresh epoch when nothing was kept yet).
     *
     * @throws IllegalArgumentException when the stream keeps no history
     */
    default StreamPosition position(HistoryStream stream) {
        return read(stream, null, 1).position();
    }

    /** What this store counted so far; a store that counts nothing reports zeros as {@code custom}. */
    default HistoryCounters counters() {
        return new HistoryCounters("custom", 0, 0, 0, 0, 0, 0, 0);
    }

    /** Receives a message once it is kept. */
    @FunctionalInterface
    interface Publisher {

        void publish(StreamPosition position, byte[] body);
    }
}
