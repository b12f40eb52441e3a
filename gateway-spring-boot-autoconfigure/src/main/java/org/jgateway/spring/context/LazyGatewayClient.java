package org.jgateway.spring.context;

import java.util.function.Supplier;
import org.jgateway.client.GatewayClient;

/**
 * The {@link GatewayClient} of a process without the worker role, built on first use: a web application then starts
 * even while the registers are not up, and a process that never pushes never connects. Closed with the context.
 */
public class LazyGatewayClient implements Supplier<GatewayClient>, AutoCloseable {

    private final Supplier<GatewayClient> factory;
    private GatewayClient client;
    private boolean closed;

    public LazyGatewayClient(Supplier<GatewayClient> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized GatewayClient get() {
        if (closed) {
            throw new IllegalStateException("The Gateway API client is closed (the application is shutting down)");
        }
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    /** Whether the client was built, i.e. the Gateway API was used. */
    public synchronized boolean isCreated() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
