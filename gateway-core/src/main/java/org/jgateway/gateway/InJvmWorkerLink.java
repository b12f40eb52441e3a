package org.jgateway.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayFrame;

/** A worker attached in memory: both the gateway's {@link WorkerLink} and the worker's attachment. */
final class InJvmWorkerLink implements WorkerLink, InJvmGatewayAttachment {

    private final GatewayCommandHandler commands;
    private final WorkerDirectory workers;
    private final InJvmWorkerEndpoint worker;
    private final String key;
    /** The gateway listener's lanIp and inner port: with a connection id, a client's id as the worker knows it. */
    private final int lanIp;
    private final int innerPort;
    private final AtomicInteger boundClients = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean leaving;

    InJvmWorkerLink(GatewayCommandHandler commands, WorkerDirectory workers, InJvmWorkerEndpoint worker, String key,
            int lanIp, int innerPort) {
        this.commands = commands;
        this.workers = workers;
        this.worker = worker;
        this.key = key;
        this.lanIp = lanIp;
        this.innerPort = innerPort;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean send(ClientConnection client, GatewayFrame event) {
        if (closed) {
            return false;
        }
        worker.onEvent(event);
        return true;
    }

    @Override
    public boolean whenHandled(ClientConnection client, Runnable task) {
        if (closed) {
            return false;
        }
        worker.afterEventsOf(ClientId.format(lanIp, innerPort, client.connectionId()), task);
        return true;
    }

    @Override
    public boolean isWritable() {
        return worker.isAcceptingEvents();
    }

    @Override
    public boolean isOpen() {
        return !closed && !leaving;
    }

    @Override
    public void whenWritable(Runnable task) {
        worker.whenAcceptingEvents(task);
    }

    @Override
    public int boundClients() {
        return boundClients.get();
    }

    @Override
    public void adjustBoundClients(int delta) {
        boundClients.addAndGet(delta);
    }

    /** The gateway closes the link. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            workers.left(this);
            worker.onGatewayClosed();
        }
    }

    @Override
    public boolean isAttached() {
        return !closed;
    }

    @Override
    public void activate() {
        workers.joined(this, true);
    }

    @Override
    public void execute(GatewayFrame command) {
        commands.executeFrom(command, key);
    }

    @Override
    public CompletableFuture<byte[]> query(GatewayFrame query) {
        return commands.answerFrom(query, key, null);
    }

    @Override
    public void leave() {
        leaving = true;
        workers.left(this);
    }

    @Override
    public void detach() {
        if (!closed) {
            closed = true;
            workers.left(this);
        }
    }

    @Override
    public String toString() {
        return "in-JVM worker " + key;
    }
}
