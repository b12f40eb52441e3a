package org.jgateway.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The gateway listeners that business workers of the same process may attach to in memory, by inner address. A worker
 * that finds a gateway here attaches to it instead of connecting over loopback TCP: the same frames, without encoding,
 * syscalls and thread hops.
 * <p>
 * One object shared by the {@link GatewayServer} and the {@code BusinessWorker}s that should use it (a bean with
 * Spring Boot): a gateway started with it registers its listeners here, and removes them when it stops accepting.
 * Components given different objects (or none) connect over TCP, as separate processes do.
 */
public final class InJvmGateways {

    private final Map<String, GatewayListener> listeners = new ConcurrentHashMap<>();

    void register(GatewayListener listener) {
        listeners.put(listener.address(), listener);
    }

    void unregister(GatewayListener listener) {
        listeners.remove(listener.address(), listener);
    }

    /**
     * Whether a gateway listener with this inner address ({@code lanIp:port}) is registered here and takes in-memory
     * workers (a listener whose inner port requires mutual TLS does not: its workers must show a certificate).
     */
    public boolean isPresent(String address) {
        GatewayListener listener = listeners.get(address);
        return listener != null && listener.acceptsInJvmWorkers();
    }

    /**
     * Attaches a worker to the gateway listener at {@code address}, as {@code CMD_WORKER_CONNECT} does; clients are
     * routed to it once the worker {@linkplain InJvmGatewayAttachment#activate() activates} the attachment.
     *
     * @return the attachment, or null if no such listener is registered (any more) or the secret does not match (the
     *         gateway logs and counts that like a rejected inner connection)
     */
    public @Nullable InJvmGatewayAttachment attach(String address, String secretKey, InJvmWorkerEndpoint worker) {
        GatewayListener listener = listeners.get(address);
        return listener == null || !listener.acceptsInJvmWorkers() ? null
                : listener.attachInJvmWorker(secretKey, worker);
    }
}
