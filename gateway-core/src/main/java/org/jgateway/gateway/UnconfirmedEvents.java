package org.jgateway.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgateway.protocol.GatewayFrame;

/**
 * The events sent to one at-least-once worker that it has not confirmed, in the order they were written to it.
 * <p>
 * The worker confirms a watermark: the number of events, in arrival order on its connection, all of which are
 * handled (not a count of handled events, which is no prefix while clients are handled in parallel). Exactly that
 * prefix is dropped. When the link dies the rest is sorted by client and each client takes its own events, on its
 * event loop, before any newer event of it goes to another worker ({@link #takeFor}).
 * <p>
 * Events that do not fit the gateway's {@link UnconfirmedBudget} are sent without being kept: they still take a
 * place in the sequence (the worker counts them) but are lost if the worker dies before handling them.
 * <p>
 * While the worker leaves gracefully it still handles and confirms what it was sent, but its clients' newer events go
 * to other workers: a client waits ({@link #whenConfirmed}) until the leaving worker confirmed its last event here, or
 * died and gave it back, so no newer event of it overtakes an older one on another worker.
 */
final class UnconfirmedEvents {

    private record Entry(ClientConnection client, GatewayFrame event, long seq, int bytes) {
    }

    private record Waiter(long seq, Runnable task) {
    }

    private final UnconfirmedBudget budget;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long sent;
    private long confirmed;
    private long keptBytes;
    private Map<ClientConnection, ArrayDeque<GatewayFrame>> orphans;
    private long lost;
    private final List<Waiter> waiters = new ArrayList<>(0);

    /** @param budget where kept events take their bytes from; null keeps nothing (at-most-once: only counted) */
    UnconfirmedEvents(UnconfirmedBudget budget) {
        this.budget = budget;
    }

    /**
     * Records an event about to be written to the worker. The caller holds this object's lock until it has queued
     * the write, so sequence and wire order agree.
     *
     * @return false if the event could not be kept (over the budget): it is then at-most-once
     */
    boolean add(ClientConnection client, GatewayFrame event) {
        long seq = sent++;
        if (budget == null) {
            return true;
        }
        int bytes = event.packLength();
        if (!budget.tryReserve(bytes)) {
            return false;
        }
        entries.add(new Entry(client, event, seq, bytes));
        keptBytes += bytes;
        return true;
    }

    /** The sequence number of the event last {@linkplain #add added} (under the same lock as the add). */
    long lastSeq() {
        return sent - 1;
    }

    /** The worker's watermark, mod 2^32: every event before it is handled. */
    void confirmed(int watermarkMod32) {
        List<Runnable> ready = null;
        synchronized (this) {
            // Rebuild the full watermark from its low 32 bits: it is at most what was sent.
            long watermark = (sent & ~0xffffffffL) | Integer.toUnsignedLong(watermarkMod32);
            if (watermark > sent) {
                watermark -= 1L << 32;
            }
            if (watermark <= confirmed) {
                return;
            }
            confirmed = watermark;
            long freed = 0;
            Entry head;
            while ((head = entries.peek()) != null && head.seq < watermark) {
                entries.poll();
                freed += head.bytes;
            }
            if (freed > 0) {
                keptBytes -= freed;
                budget.release(freed);
            }
            if (!waiters.isEmpty()) {
                ready = new ArrayList<>();
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                    Waiter waiter = it.next();
                    if (waiter.seq < watermark) {
                        ready.add(waiter.task);
                        it.remove();
                    }
                }
            }
        }
        if (ready != null) {
            ready.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code task} once event {@code seq} is confirmed or the link died, and returns true; returns false (and
     * never runs it) if either already happened.
     */
    synchronized boolean whenConfirmed(long seq, Runnable task) {
        if (orphans != null || seq < confirmed) {
            return false;
        }
        waiters.add(new Waiter(seq, task));
        return true;
    }

    /**
     * The link died: sorts what is left by client, frees the budget, and returns the clients that have events to
     * take. Later calls return the clients that have not taken theirs yet.
     */
    Set<ClientConnection> died() {
        List<Waiter> woken;
        Set<ClientConnection> clients;
        synchronized (this) {
            woken = List.copyOf(waiters);
            waiters.clear();
            clients = sortOrphans();
        }
        // The waiting clients take their events back themselves (ahead of their newer ones).
        woken.forEach(waiter -> waiter.task.run());
        return clients;
    }

    private Set<ClientConnection> sortOrphans() {
        if (orphans == null) {
            lost = Math.max(0, sent - confirmed - entries.size());
            orphans = new HashMap<>();
            for (Entry entry : entries) {
                orphans.computeIfAbsent(entry.client, c -> new ArrayDeque<>(4)).add(entry.event);
            }
            entries.clear();
            if (keptBytes > 0) {
                budget.release(keptBytes);
                keptBytes = 0;
            }
        }
        return Set.copyOf(orphans.keySet());
    }

    /** Whether the worker confirmed every event it was sent. */
    synchronized boolean allConfirmed() {
        return confirmed >= sent;
    }

    synchronized boolean isDead() {
        return orphans != null;
    }

    /** Once the link died: the events it was sent and never confirmed that were not kept, so are lost. */
    synchronized long lost() {
        return lost;
    }

    /** Takes {@code client}'s unconfirmed events, in order, once the link died (each client's only once). */
    synchronized List<GatewayFrame> takeFor(ClientConnection client) {
        if (orphans == null) {
            return List.of();
        }
        ArrayDeque<GatewayFrame> taken = orphans.remove(client);
        return taken == null ? List.of() : List.copyOf(taken);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long keptBytes() {
        return keptBytes;
    }
}
