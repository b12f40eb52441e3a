package org.jgateway.gateway;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgateway.gateway.listener.WebSocketRequest;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the life of one listener's clients into events for the workers and sends them: a client is registered when
 * it opens, its connect, messages and close are stamped with the listener's header fields (lanIp, inner port), and
 * each event goes to the client's worker (sticky routing), is held while no worker is connected, and pauses the
 * client's reads while its worker connection is congested. One per listener, shared by the
 * {@link ClientChannelHandler}s of its connections.
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

    private final String listenerName;
    private final int lanIp;
    private final ClientRegistry registry;
    private final Heartbeat heartbeat;
    private final ClientMessageEncoder encoder;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final WorkerDirectory workers;
    private final WorkerRouter router;
    private final GatewayStats stats;
    private final long holdNanos;
    private final int maxHeldEvents;
    private final Set<ClientConnection> waiting = ConcurrentHashMap.newKeySet();
    /** Set once the inner port is bound, before the client port is: every client sees it. */
    private int innerPort;

    EventForwarder(String listenerName, ClientRegistry registry, Heartbeat heartbeat, ClientMessageEncoder encoder,
            WorkerDirectory workers, GatewayOptions options, GatewayStats stats) {
        this.listenerName = listenerName;
        this.lanIp = Ipv4.parse(options.lanIp());
        this.registry = registry;
        this.heartbeat = heartbeat;
        this.encoder = encoder;
        this.slowConsumerPolicy = options.slowConsumerPolicy();
        this.workers = workers;
        this.router = options.router();
        this.stats = stats;
        this.holdNanos = options.holdTimeout().toNanos();
        this.maxHeldEvents = options.maxHeldEventsPerClient();
    }

    /** The listener's inner port is bound: its events carry it from now on. */
    void innerPortBound(int innerPort) {
        this.innerPort = innerPort;
    }

    /**
     * Registers the client of {@code channel} and forwards its ON_CONNECT (then, for WebSocket, ON_WEBSOCKET_CONNECT
     * with the handshake {@code request}).
     */
    ClientConnection opened(Channel channel, WebSocketRequest request) {
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        int publicPort = ((InetSocketAddress) channel.localAddress()).getPort();
        ClientChannel sink = new ClientChannel(channel, encoder, slowConsumerPolicy, stats);
        ClientConnection client = new ClientConnection(registry.nextConnectionId(), sink, Ipv4.of(remote.getAddress()),
                remote.getPort(), publicPort, listenerName);
        client.lastMessageTick = heartbeat.currentTick();
        registry.add(client);
        // ON_CONNECT's body is empty in GatewayWorker (PHP workers ignore it); for an IPv6 client, whose header ip
        // must stay 0, it carries the real address so our workers can show it.
        byte[] realAddress = client.clientIp() == 0
                ? remote.getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII) : null;
        forward(client, event(client, GatewayCommand.ON_CONNECT, GatewayFlags.BODY_IS_SCALAR, realAddress));
        if (request != null) {
            byte[] data = PhpSerializer.serialize(request.toPhpArray());
            forward(client, event(client, GatewayCommand.ON_WEBSOCKET_CONNECT, 0, data));
        }
        return client;
    }

    /** Forwards one application message of the client (which also counts as a sign of life for the heartbeat). */
    void message(ClientConnection client, byte[] body) {
        client.lastMessageTick = heartbeat.currentTick();
        stats.clientMessagesIn.increment();
        stats.clientBytesIn.add(body.length);
        forward(client, event(client, GatewayCommand.ON_MESSAGE, GatewayFlags.BODY_IS_SCALAR, body));
    }

    /** Removes the client and forwards its ON_CLOSE. */
    void closed(ClientConnection client) {
        registry.remove(client);
        client.disconnected = true;
        forward(client, event(client, GatewayCommand.ON_CLOSE, GatewayFlags.BODY_IS_SCALAR, null));
        clientClosed(client);
    }

    /**
     * Runs {@code task} once the client's worker has handled every event the client produced so far (at once when it
     * already has; never if the worker is lost first), and returns true. False when that cannot be known: the events wait for a worker,
     * or the worker never confirms (a PHP worker); {@code task} is then never run. Called on the client's event loop;
     * {@code task} runs on any thread.
     */
    boolean whenHandled(ClientConnection client, Runnable task) {
        WorkerLink worker = client.boundWorker;
        return client.heldEvents == null && worker != null && worker.whenHandled(client, task);
    }

    private GatewayFrame event(ClientConnection client, int cmd, int flag, byte[] body) {
        return new GatewayFrame(cmd, lanIp, innerPort, client.clientIp(), client.clientPort(), client.connectionId(), flag,
                client.gatewayPort(), client.session(), body);
    }

    /** Forwards one event of {@code client}; runs on the client's event loop. */
    private void forward(ClientConnection client, GatewayFrame event) {
        WorkerLink worker = client.heldEvents == null ? route(client) : null;
        while (worker != null && !worker.send(client, event)) {
            // It closed or started leaving between routing and writing: route again, which puts what it never
            // confirmed first, or waits for it.
            worker = client.heldEvents == null ? route(client) : null;
        }
        if (worker == null) {
            HeldEvents held = client.heldEvents;
            if (held == null) {
                held = new HeldEvents();
                client.heldEvents = held;
                waiting.add(client);
                startExpiry(client, held);
            }
            hold(client, held, event);
            return;
        }
        stats.eventsToWorkers.increment();
        if (!worker.isWritable()) {
            pauseReads(client, worker);
        }
    }

    /** Called after the client's ON_CLOSE was forwarded: the client no longer counts for its worker. */
    private void clientClosed(ClientConnection client) {
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

    /**
     * A worker's connection died with unconfirmed events of {@code clients}: each client, on its own event loop, sends
     * them again unless one of its own events found the link dead first and took them ({@link #lost}).
     */
    void redeliver(WorkerLink dead, Set<ClientConnection> clients) {
        for (ClientConnection client : clients) {
            try {
                eventLoop(client).execute(() -> {
                    if (client.boundWorker == dead) {
                        lost(client, dead);
                    } else {
                        resend(client, dead.takeUnconfirmed(client));
                    }
                });
            } catch (RejectedExecutionException e) {
                // The gateway is shutting down: the client's loop is gone, and so is the client.
                stats.eventsLostWithWorker.add(dead.takeUnconfirmed(client).size());
            }
        }
    }

    /**
     * The client's worker is gone: unbinds it and sends its unconfirmed events of the client again, in order and
     * before any newer event of the client (this runs on the client's loop, before the newer event is routed).
     */
    private void lost(ClientConnection client, WorkerLink dead) {
        unbind(client, dead);
        resend(client, dead.takeUnconfirmed(client));
    }

    private void resend(ClientConnection client, List<GatewayFrame> events) {
        if (events.isEmpty()) {
            return;
        }
        stats.eventsRedelivered.add(events.size());
        HeldEvents held = client.heldEvents;
        if (held != null) {
            // Everything held is newer than what the lost worker had: these go first.
            for (int i = events.size() - 1; i >= 0; i--) {
                held.events.addFirst(redelivery(events.get(i)));
            }
            return;
        }
        for (GatewayFrame event : events) {
            forward(client, redelivery(event));
        }
        if (client.disconnected && client.heldEvents == null) {
            // Its ON_CLOSE was among them (or went out before): the client no longer counts for its new worker.
            clientClosed(client);
        }
    }

    /**
     * The worker for the client's next event: its bound worker while that is open, else a new one. Null when the event
     * must be held: no worker is connected, or the client's worker is leaving and has not yet confirmed the client's
     * earlier events (they are answered before any newer one goes elsewhere; {@link #drain} runs again when they are).
     */
    private WorkerLink route(ClientConnection client) {
        WorkerLink bound = client.boundWorker;
        if (bound != null) {
            if (bound.isOpen()) {
                return bound;
            }
            if (bound.whenConfirmed(client, () -> drainLater(client))) {
                return null;
            }
            boolean wasHeld = client.heldEvents != null;
            lost(client, bound);
            // Resending what the lost worker never confirmed may have bound the client again, or held them: a new
            // event then waits behind them; a drain goes on choosing a worker for them.
            return wasHeld || client.heldEvents == null ? route(client) : null;
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
        client.lastEventSeq = -1;
        return chosen;
    }

    private static GatewayFrame redelivery(GatewayFrame event) {
        return event.withFlag(event.flag() | GatewayFlags.REDELIVERY);
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

    private void drainLater(ClientConnection client) {
        try {
            eventLoop(client).execute(() -> drain(client));
        } catch (RejectedExecutionException e) {
            // The gateway is shutting down: the client's loop is gone, and so is the client.
        }
    }

    private void drain(ClientConnection client) {
        HeldEvents held = client.heldEvents;
        if (held == null) {
            return;
        }
        WorkerLink worker = route(client);
        GatewayFrame event;
        while (worker != null) {
            while ((event = held.events.peek()) != null && worker.send(client, event)) {
                held.events.poll();
                stats.eventsToWorkers.increment();
            }
            if (event == null) {
                break;
            }
            // Lost its worker (or it began leaving) while draining: route again; what it never confirmed goes first.
            worker = route(client);
        }
        if (worker == null) {
            // Still waiting: for a worker to connect, or for the leaving one to confirm.
            return;
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
