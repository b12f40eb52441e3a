package org.jgateway.gateway;

import java.util.List;

/**
 * Chooses the worker a client is bound to. Routing is sticky: the gateway asks only when a client has no worker yet,
 * or its worker left; every later event of the client goes to the same worker, which keeps them in order.
 */
@FunctionalInterface
public interface WorkerRouter {

    /**
     * @param client  the client to bind
     * @param workers the open workers, in connection order (never empty)
     * @return one of {@code workers}
     */
    WorkerLink select(ClientConnection client, List<WorkerLink> workers);

    /** GatewayWorker's default: the worker with the fewest clients bound by this gateway; ties to the earliest. */
    static WorkerRouter leastConnections() {
        return LeastConnectionsRouter.INSTANCE;
    }

    /** A random worker (GatewayWorker's {@code ROUTER_RANDOM}), still sticky. */
    static WorkerRouter random() {
        return RandomRouter.INSTANCE;
    }
}
