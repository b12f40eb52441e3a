package org.jgateway.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gateway-side state of one client connection: its connection id, uid, groups and session, plus what the gateway
 * needs to forward its events (header fields, the bound worker, heartbeat and held-event state).
 * <p>
 * uid, groups and session are changed only through {@link ClientRegistry}, which keeps the uid and group indexes in
 * step and guards each connection with its own monitor ({@code synchronized (connection)}).
 */
public final class ClientConnection {

    private static final byte[] NO_SESSION = new byte[0];

    private final int connectionId;
    private final ClientSink sink;
    private final int clientIp;
    private final int clientPort;
    private final int gatewayPort;
    private final String listenerName;

    // Guarded by this.
    String uid;
    Set<String> groups;
    byte[] session = NO_SESSION;
    boolean closed;

    /** The worker this client's events go to while it stays connected (sticky routing); managed by the gateway. */
    volatile WorkerLink boundWorker;
    /**
     * The sequence number its bound worker's link gave the client's last event there (-1: none yet); the client waits
     * for its confirmation before it moves off a leaving worker. Written and read on the client's event loop.
     */
    long lastEventSeq = -1;
    /** Heartbeat: the tick count when the client last sent an application message. */
    volatile int lastMessageTick;
    /** Events waiting for a worker (managed on the client's event loop). */
    HeldEvents heldEvents;
    /**
     * The connection went inactive and its ON_CLOSE was forwarded or held (on the client's event loop). Not the same
     * as {@link #closed}: a kick takes the client out of the registry before its connection has closed.
     */
    boolean disconnected;
    /** Per history stream this client was recovered on: see {@link StreamCursor}; null until the first recovery. */
    private volatile Map<String, StreamCursor> streamCursors;

    public ClientConnection(int connectionId, ClientSink sink, int clientIp, int clientPort, int gatewayPort,
            String listenerName) {
        this.connectionId = connectionId;
        this.sink = sink;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.gatewayPort = gatewayPort;
        this.listenerName = listenerName;
    }

    public int connectionId() {
        return connectionId;
    }

    public ClientSink sink() {
        return sink;
    }

    public int clientIp() {
        return clientIp;
    }

    public int clientPort() {
        return clientPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    public String listenerName() {
        return listenerName;
    }

    public synchronized String uid() {
        return uid;
    }

    /** A snapshot of the groups this client is in. */
    public synchronized Set<String> groups() {
        return groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** The stored session, PHP-serialized; empty when none was set. Do not modify the array. */
    public synchronized byte[] session() {
        return session;
    }

    /** The client's cursor on a history stream (by key), or null when it was never recovered on that stream. */
    StreamCursor streamCursor(String stream) {
        Map<String, StreamCursor> cursors = streamCursors;
        return cursors == null ? null : cursors.get(stream);
    }

    /** The client's cursor on a history stream, created when missing. */
    StreamCursor openStreamCursor(String stream) {
        Map<String, StreamCursor> cursors = streamCursors;
        if (cursors == null) {
            synchronized (this) {
                cursors = streamCursors;
                if (cursors == null) {
                    cursors = new ConcurrentHashMap<>(4);
                    streamCursors = cursors;
                }
            }
        }
        return cursors.computeIfAbsent(stream, key -> new StreamCursor());
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
