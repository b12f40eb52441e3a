package org.jgateway.gateway;

import java.util.List;
import org.jgateway.gateway.listener.ClientProtocol;

/** A live view of one gateway listener: ports, clients, workers and counters. */
public final class ListenerStatus {

    private final GatewayListener listener;

    ListenerStatus(GatewayListener listener) {
        this.listener = listener;
    }

    public String name() {
        return listener.name();
    }

    public ClientProtocol protocol() {
        return listener.listener().protocol();
    }

    public String host() {
        return listener.listener().host();
    }

    /** Whether clients connect with TLS. */
    public boolean tls() {
        return listener.listener().isTls();
    }

    /**
     * Where clients connect, as GatewayWorker shows it ({@code websocket://host:port}, {@code text://host:port}), with
     * TLS in the scheme: {@code wss://host:port} for WebSocket, {@code text+tls://host:port} and alike for the others.
     */
    public String listening() {
        return listener.listening();
    }

    /** The bound client-facing port. */
    public int port() {
        return listener.publicPort();
    }

    /** The bound inner port (workers and API clients). */
    public int innerPort() {
        return listener.innerPort();
    }

    /** {@code lanIp:innerPort}, the address registered and encoded in this listener's client_ids. */
    public String innerAddress() {
        return listener.address();
    }

    public int clients() {
        return listener.registry().size();
    }

    /** Keys of the business workers connected to this listener's inner port. */
    public List<String> workers() {
        return listener.workerKeys();
    }

    /** Clients whose events are held waiting for a worker. */
    public int clientsWaitingForWorker() {
        return listener.heldClients();
    }

    /** The connected clients, for tests that look inside them. */
    Iterable<ClientConnection> clientConnections() {
        return listener.registry();
    }

    public GatewayStats stats() {
        return listener.stats();
    }

    /** Counters of the commands and queries executed for workers and API clients. */
    public GatewayCommandStats commandStats() {
        return listener.commands().stats();
    }

    public long startedAt() {
        return listener.startedAt();
    }
}
