package org.jgateway.gateway;

import java.util.List;
import org.jgateway.gateway.listener.ClientProtocol;

/** A live view of one gateway listener: ports, clients, workers and counters. */
public final class ListenerStatus {

    private final GatewayInstance instance;

    ListenerStatus(GatewayInstance instance) {
        this.instance = instance;
    }

    public String name() {
        return instance.name();
    }

    public ClientProtocol protocol() {
        return instance.listener().protocol();
    }

    public String host() {
        return instance.listener().host();
    }

    /** The bound client-facing port. */
    public int port() {
        return instance.publicPort();
    }

    /** The bound inner port (workers and API clients). */
    public int innerPort() {
        return instance.innerPort();
    }

    /** {@code lanIp:innerPort}, the address registered and encoded in this listener's client_ids. */
    public String innerAddress() {
        return instance.address();
    }

    public int clients() {
        return instance.registry().size();
    }

    /** Keys of the business workers connected to this listener's inner port. */
    public List<String> workers() {
        return instance.workerKeys();
    }

    /** Clients whose events are held waiting for a worker. */
    public int clientsWaitingForWorker() {
        return instance.heldClients();
    }

    public GatewayStats stats() {
        return instance.stats();
    }

    /** Counters of the commands and queries executed for workers and API clients. */
    public GatewayCommandStats commandStats() {
        return instance.commands().stats();
    }

    public long startedAt() {
        return instance.startedAt();
    }
}
