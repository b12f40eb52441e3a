package org.jgateway.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway listeners running in this JVM, by inner address. A business worker that finds a gateway here attaches
 * to it in memory instead of connecting over loopback TCP: the same frames, without encoding, syscalls and thread
 * hops. Registered and removed by the gateways themselves.
 */
public final class InJvmGateways {

    private static final Map<String, GatewayInstance> GATEWAYS = new ConcurrentHashMap<>();

    private InJvmGateways() {
    }

    static void register(GatewayInstance instance) {
        GATEWAYS.put(instance.address(), instance);
    }

    static void unregister(GatewayInstance instance) {
        GATEWAYS.remove(instance.address(), instance);
    }

    /**
     * Whether a gateway listener with this inner address ({@code lanIp:port}) runs in this JVM and takes in-memory
     * workers (a listener whose inner port requires mutual TLS does not: its workers must show a certificate).
     */
    public static boolean isPresent(String address) {
        GatewayInstance instance = GATEWAYS.get(address);
        return instance != null && instance.acceptsInJvmWorkers();
    }

    /**
     * Attaches a worker to the gateway listener at {@code address}, as {@code CMD_WORKER_CONNECT} does; clients are
     * routed to it once the worker {@linkplain InJvmGatewayAttachment#activate() activates} the attachment.
     *
     * @return the attachment, or null if no such listener runs here (any more) or the secret does not match (the
     *         gateway logs and counts that like a rejected inner connection)
     */
    public static InJvmGatewayAttachment attach(String address, String secretKey, InJvmWorkerEndpoint worker) {
        GatewayInstance instance = GATEWAYS.get(address);
        return instance == null || !instance.acceptsInJvmWorkers() ? null : instance.attachInJvmWorker(secretKey, worker);
    }
}
