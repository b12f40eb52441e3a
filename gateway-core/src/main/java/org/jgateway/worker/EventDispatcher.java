package org.jgateway.worker;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgateway.client.ClientContext;
import org.jgateway.client.ClientContextHolder;
import org.jgateway.client.GatewayApi;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpArrays;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link WorkerEventHandler} for the client events the gateway links receive: each event on its client's
 * lane (in order per client, clients in parallel; an event the handler does not implement on the receiving thread,
 * after the client's earlier events), with an {@link EventContext} bound to the thread for the Gateway
 * API's {@code *CurrentClient} calls, and the session synced around the callback. A failing callback is logged and
 * counted; the worker and the client carry on.
 */
final class EventDispatcher implements GatewayLinkListener {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final String workerName;
    private final WorkerEventHandler handler;
    private final ClientLanes lanes;
    private final SessionSync sessions;
    private final GatewayApi api;
    private final WorkerStats stats;
    /** Real addresses of IPv6 clients (whose header ip is 0), learnt from their ON_CONNECT. */
    private final Map<String, String> ipv6Addresses = new ConcurrentHashMap<>();
    /** The events the handler implements, learnt on the first event. */
    private volatile @Nullable Set<ClientEvent> handledEvents;

    EventDispatcher(String workerName, WorkerEventHandler handler, ClientLanes lanes, SessionSync sessions,
            GatewayApi api, WorkerStats stats) {
        this.workerName = workerName;
        this.handler = handler;
        this.lanes = lanes;
        this.sessions = sessions;
        this.api = api;
        this.stats = stats;
    }

    @Override
    public void received(GatewayConnection link, GatewayFrame frame) {
        switch (frame.cmd()) {
            case GatewayCommand.ON_CONNECT, GatewayCommand.ON_MESSAGE, GatewayCommand.ON_CLOSE,
                    GatewayCommand.ON_WEBSOCKET_CONNECT -> {
                stats.eventsReceived.increment();
                String clientId = ClientId.format(frame.localIp(), frame.localPort(), frame.connectionId());
                Runnable handled = link.eventReceived();
                Runnable task = () -> {
                    handle(clientId, frame);
                    handled.run();
                };
                if (handledEvents().contains(ClientEvent.of(frame.cmd()))) {
                    lanes.submit(clientId, task);
                } else {
                    lanes.runOrSubmit(clientId, task);
                }
            }
            case GatewayCommand.PING -> {
            }
            default -> log.warn("Worker '{}': unexpected {} from gateway {}", workerName,
                    GatewayCommand.nameOf(frame.cmd()), link.address());
        }
    }

    @Override
    public void afterEventsOf(String clientId, Runnable task) {
        lanes.runOrSubmit(clientId, task);
    }

    private Set<ClientEvent> handledEvents() {
        Set<ClientEvent> events = handledEvents;
        if (events == null) {
            // Asked on the first event rather than at construction: a handler may find its targets late (the
            // Spring dispatcher inspects its beans once the context is refreshed). Racing first events compute
            // the same answer.
            events = EnumSet.noneOf(ClientEvent.class);
            for (ClientEvent event : ClientEvent.values()) {
                if (handler.handles(event)) {
                    events.add(event);
                }
            }
            handledEvents = events;
        }
        return events;
    }

    @Override
    public void disconnected(GatewayConnection link) {
        sessions.forgetGateway(link.address());
    }

    private void handle(String clientId, GatewayFrame frame) {
        long start = System.nanoTime();
        if (frame.cmd() == GatewayCommand.ON_CONNECT && frame.clientIp() == 0 && frame.body().length > 0) {
            ipv6Addresses.put(clientId, new String(frame.body(), StandardCharsets.US_ASCII));
        }
        EventContext context = new EventContext(frame, clientId, frame.clientIp() == 0 ? ipv6Addresses.get(clientId) : null,
                api, sessions::load);
        ClientContext previous = ClientContextHolder.bind(context);
        try {
            switch (frame.cmd()) {
                case GatewayCommand.ON_CONNECT -> handler.onConnect(context);
                case GatewayCommand.ON_MESSAGE -> handler.onMessage(context, frame.body());
                case GatewayCommand.ON_WEBSOCKET_CONNECT -> {
                    Map<String, Object> data = webSocketData(frame.body());
                    context.webSocketData(data);
                    handler.onWebSocketConnect(context, data);
                }
                case GatewayCommand.ON_CLOSE -> handler.onClose(context);
                default -> throw new IllegalStateException("not an event: " + frame.cmd());
            }
        } catch (Throwable e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': {} handler failed for client {}", workerName,
                    GatewayCommand.nameOf(frame.cmd()), clientId, e);
        } finally {
            ClientContextHolder.bind(previous);
        }
        try {
            if (frame.cmd() == GatewayCommand.ON_CLOSE) {
                sessions.forget(clientId);
                ipv6Addresses.remove(clientId);
            } else {
                Map<String, Object> changed = context.changedSession();
                if (changed != null) {
                    sessions.save(clientId, frame, changed);
                }
            }
        } catch (RuntimeException e) {
            stats.handlerErrors.increment();
            log.error("Worker '{}': cannot save the session of client {}", workerName, clientId, e);
        }
        stats.handlerNanos.add(System.nanoTime() - start);
        stats.eventsHandled.increment();
    }

    private Map<String, Object> webSocketData(byte[] body) {
        try {
            return EventContext.stringKeys(PhpArrays.asMap(PhpUnserializer.unserialize(body)));
        } catch (RuntimeException e) {
            log.warn("Worker '{}': unreadable WebSocket handshake data: {}", workerName, e.toString());
            return new LinkedHashMap<>();
        }
    }
}
