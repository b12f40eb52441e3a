package org.jgateway.gateway;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jgateway.protocol.GatewayFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends client events to workers: sticky routing, holding events while no worker is connected, and pausing a
 * client's reads while its worker connection is congested.
 * <p>
 * Every method for a client runs on that client's event loop, so a client's events keep their order through
 * holding and re-binding without locks.
 * <p>
 * GatewayWorker destroys a client that produces an event while no worker is connected (reloads and restarts then
 * cost users their connections). Here the events are held, bounded in count and time, and delivered in order when a
 * worker arrives; only when the hold time passes is the client closed, and the dropped events are counted.
 */
final class EventForwarder {

    private static final Logger log = LoggerFactory.getLogger(EventForwarder.class);

    private final WorkerDirectory workers;
    private final WorkerRouter router;
    private final GatewayStats stats;
    private final long holdNanos;
    private final int maxHeldEvents;
    private final Set<ClientConnection> waiting = ConcurrentHashMap.newKeySet();

    EventForwarder(WorkerDirectory workers, WorkerRouter router, GatewayStats stats, Duration holdTime, int maxHeldEvents) {
        this.workers = workers;
        this.router = router;
        this.stats = stats;
        this.holdNanos = holdTime.toNanos();
        this.maxHeldEvents = maxHeldEvents;
    }

    /** Forwards one event of {@code client}; runs on the client's event loop. */
    void forward(ClientConnection client, GatewayFrame event) {
        HeldEvents held = client.heldEvents;
        if (held != null) {
            hold(client, held, event);
            return;
        }
        WorkerLink worker = route(client);
        while (worker != null && !worker.send(event)) {
            // Its connection closed between routing and writing: choose again.
            unbind(client, worker);
            worker = route(client);
        }
        if (worker == null) {
            held = new HeldEvents();
            client.heldEvents = held;
            waiting.add(client);
            startExpiry(client, held);
            hold(client, held, event);
            return;
        }
        stats.eventsToWorkers.increment();
        if (!worker.isWritable()) {
            pauseReads(client, worker);
        }
    }

    /** Called after the client's ON_CLOSE was forwarded: the client no longer counts for its worker. */
    void clientClosed(ClientConnection client) {
        WorkerLink worker = client.boundWorker;
        if (worker != null && client.heldEvents == null) {
            unbind(client, worker);
        }
    }

    /** A worker connected: deliver every held event. */
    void workerAvailable() {
        for (ClientConnection client : waiting) {
            eventLoop(client).execute(() -> drain(client));
        }
    }

    int waitingClients() {
        return waiting.size();
    }

    private WorkerLink route(ClientConnection client) {
        WorkerLink bound = client.boundWorker;
        if (bound != null) {
            if (bound.isOpen()) {
                return bound;
            }
            unbind(client, bound);
        }
        List<WorkerLink> open = workers.open();
        if (open.isEmpty()) {
            return null;
        }
        WorkerLink chosen = router.select(client, open);
        if (chosen == null || !chosen.isOpen()) {
            chosen = open.get(0);
        }
        chosen.adjustBoundClients(1);
        client.boundWorker = chosen;
        return chosen;
    }

    private static void unbind(ClientConnection client, WorkerLink worker) {
        client.boundWorker = null;
        worker.adjustBoundClients(-1);
    }

    private void hold(ClientConnection client, HeldEvents held, GatewayFrame event) {
        if (held.events.size() >= maxHeldEvents) {
            log.warn("Client {} produced more than {} events while no worker was connected: closing it",
                    client.connectionId(), maxHeldEvents);
            giveUp(client, held, 1);
            return;
        }
        held.events.add(event);
        stats.eventsHeld.increment();
    }

    private void startExpiry(ClientConnection client, HeldEvents held) {
        held.expiry = eventLoop(client).schedule(() -> {
            if (client.heldEvents == held) {
                log.warn("No business worker connected within {} ms: closing client {} and dropping its {} event(s)",
                        TimeUnit.NANOSECONDS.toMillis(holdNanos), client.connectionId(), held.events.size());
                giveUp(client, held, 0);
            }
        }, holdNanos, TimeUnit.NANOSECONDS);
    }

    private void giveUp(ClientConnection client, HeldEvents held, int alsoDropped) {
        stats.eventsDroppedNoWorker.add(held.events.size() + alsoDropped);
        held.events.clear();
        if (held.expiry != null) {
            held.expiry.cancel(false);
        }
        client.heldEvents = null;
        waiting.remove(client);
        if (!client.isClosed()) {
            stats.clientsClosedNoWorker.increment();
        }
        client.sink().destroy();
    }

    private void drain(ClientConnection client) {
        HeldEvents held = client.heldEvents;
        if (held == null) {
            return;
        }
        WorkerLink worker = route(client);
        if (worker == null) {
            return;
        }
        GatewayFrame event;
        while ((event = held.events.poll()) != null) {
            if (!worker.send(event)) {
                // Lost its worker again while draining: keep the rest held, wait for the next one.
                held.events.addFirst(event);
                unbind(client, worker);
                return;
            }
            stats.eventsToWorkers.increment();
        }
        held.expiry.cancel(false);
        client.heldEvents = null;
        waiting.remove(client);
        if (client.disconnected) {
            clientClosed(client);
        } else if (!worker.isWritable()) {
            pauseReads(client, worker);
        }
    }

    private void pauseReads(ClientConnection client, WorkerLink worker) {
        ClientSink sink = client.sink();
        if (sink.pauseReading()) {
            stats.readsPausedForWorker.increment();
            worker.whenWritable(sink::resumeReading);
        }
    }

    private static EventLoop eventLoop(ClientConnection client) {
        return client.sink().eventLoop();
    }
}
