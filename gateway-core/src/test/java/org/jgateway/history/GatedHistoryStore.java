package org.jgateway.history;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

/**
 * A store whose reads complete only when the test lets them, like a shared store while its server is slow: each read
 * waits at a gate of its own, opened in the order the reads began ({@link #release()}, {@link #fail}) or the newest
 * first ({@link #releaseNewest()}); the page is
 * read from the store behind it when the gate opens. The blocking {@link #read} fails the test. Appends go straight
 * through.
 */
public final class GatedHistoryStore implements HistoryStore {

    private final HistoryStore store;
    private final LinkedBlockingDeque<CompletableFuture<Void>> gates = new LinkedBlockingDeque<>();

    public GatedHistoryStore(HistoryStore store) {
        this.store = store;
    }

    @Override
    public boolean retains(HistoryStream stream) {
        return store.retains(stream);
    }

    @Override
    public StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body, Publisher publish) {
        return store.append(stream, body, publish);
    }

    /** Fails: a caller of the blocking read would wait for the store (and here for the test, for ever). */
    @Override
    public HistoryPage read(HistoryStream stream, StreamPosition since, int limit) {
        throw new AssertionError("the blocking read of " + stream + " was called: its caller would wait for the store");
    }

    @Override
    public CompletableFuture<HistoryPage> readAsync(HistoryStream stream, StreamPosition since, int limit) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        gates.add(gate);
        return gate.thenApply(open -> store.read(stream, since, limit));
    }

    /** Reads waiting at their gate. */
    public int waiting() {
        return gates.size();
    }

    /** Lets the oldest waiting read complete, on the calling thread. */
    public void release() {
        oldest().complete(null);
    }

    /** Lets the newest waiting read complete, on the calling thread: reads that end out of order. */
    public void releaseNewest() {
        CompletableFuture<Void> gate = gates.pollLast();
        if (gate == null) {
            throw new IllegalStateException("no read is waiting");
        }
        gate.complete(null);
    }

    /** Fails the oldest waiting read with {@code failure}, on the calling thread. */
    public void fail(RuntimeException failure) {
        oldest().completeExceptionally(failure);
    }

    private CompletableFuture<Void> oldest() {
        CompletableFuture<Void> gate = gates.poll();
        if (gate == null) {
            throw new IllegalStateException("no read is waiting");
        }
        return gate;
    }
}
